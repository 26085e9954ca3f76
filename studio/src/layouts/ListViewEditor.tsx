/**
 * One list view: its name in both languages, its columns by drag and drop (in from the fields below, into order, back
 * out), its sort keys, rows per page and its filter in the visual condition builder (the database-run subset).
 */
import { useState } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DndContext, DragOverlay, type DragEndEvent } from '@dnd-kit/core';
import { Alert, Button, Flex, Form, Input, InputNumber, Segmented, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MAX_PAGE_SIZE, MAX_SORT_KEYS, type ObjectDoc } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';
import { LogicBuilder } from '../logic/LogicBuilder.tsx';
import { Chip, DropBox, dropCollision, SortableChip, useDragSensors } from './Draggables.tsx';
import { keptFromPlugin, type BaseLayout, type ListViewModel } from './layout-model.ts';
import { dropOf, itemOf, moveColumn, PALETTE } from './moves.ts';

const COLUMNS = 'columns';
const SYSTEM_COLUMNS = ['created_at', 'updated_at'] as const;
const UNSORTABLE = new Set(['multi_picklist', 'geo_point']);

interface Props {
  object: ObjectDoc;
  view: ListViewModel;
  base: BaseLayout;
  onChange: (view: ListViewModel) => void;
  problems: string[] | undefined;
}

export function ListViewEditor({ object, view, base, onChange, problems }: Props) {
  const { t } = useTranslation('layouts');
  const kept = keptFromPlugin(view, base);
  const testId = `list-view-${view.name}`;
  return (
    <div data-testid={testId}>
      {problems && <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} data-testid={`${testId}-problems`} />}
      <Form layout="vertical" component="div">
        <Flex gap={12}>
          <Form.Item label={t('labelZh')} style={{ flex: 1 }}>
            <Input value={view.label['zh-CN']} onChange={(e) => onChange({ ...view, label: { ...view.label, 'zh-CN': e.target.value } })} data-testid={`${testId}-label-zh`} />
          </Form.Item>
          <Form.Item label={t('labelEn')} style={{ flex: 1 }}>
            <Input value={view.label.en} onChange={(e) => onChange({ ...view, label: { ...view.label, en: e.target.value } })} data-testid={`${testId}-label-en`} />
          </Form.Item>
          <Form.Item label={t('pageSize')}>
            <InputNumber min={1} max={MAX_PAGE_SIZE} value={view.pageSize ?? null} placeholder="50" onChange={(size) => onChange({ ...view, pageSize: size ?? undefined })} data-testid={`${testId}-page-size`} />
          </Form.Item>
        </Flex>
        <Form.Item label={t('viewColumns')} extra={t('columnsHelp')}>
          <ColumnsDesigner object={object} view={view} onChange={onChange} testId={testId} />
        </Form.Item>
        <Form.Item label={t('sort')}>
          <SortKeys object={object} sort={view.sort} onChange={(sort) => onChange({ ...view, sort })} testId={`${testId}-sort`} />
        </Form.Item>
        <Form.Item label={t('filter')}>
          <LogicBuilder object={object.name} value={view.filter} onChange={(filter) => onChange({ ...view, filter })} testId={`${testId}-filter`} sqlOnly />
        </Form.Item>
      </Form>
      {kept.length > 0 && <Alert type="warning" showIcon title={t('keptFromPlugin', { what: kept.map((k) => t(`kept.${k}`)).join('、') })} data-testid={`${testId}-kept`} />}
    </div>
  );
}

function ColumnsDesigner({ object, view, onChange, testId }: { object: ObjectDoc; view: ListViewModel; onChange: (view: ListViewModel) => void; testId: string }) {
  const { t } = useTranslation('layouts');
  const sensors = useDragSensors();
  const [dragging, setDragging] = useState<string | null>(null);
  const title = useColumnTitle(object);
  const all = [...object.fields.filter((f) => !f.removed).map((f) => f.name), ...SYSTEM_COLUMNS];
  const available = all.filter((name) => !view.columns.includes(name));
  const containers = { [COLUMNS]: view.columns, [PALETTE]: available };

  const end = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const column = itemOf(active.id);
    const drop = over ? dropOf(over.id, containers) : null;
    if (column && drop) onChange(moveColumn(view, column, drop.container, drop.index));
  };
  const chip = (name: string) => <SortableChip key={name} name={name} text={title(name)} testId={`${testId}-column-${name}`} />;
  return (
    <DndContext sensors={sensors} collisionDetection={dropCollision} onDragStart={({ active }) => setDragging(itemOf(active.id))} onDragCancel={() => setDragging(null)} onDragEnd={end}>
      <DropBox container={COLUMNS} items={view.columns} testId={`${testId}-columns`} empty={t('sectionEmpty')}>{view.columns.map(chip)}</DropBox>
      <Typography.Text type="secondary" style={{ display: 'block', margin: '8px 0 4px', fontSize: 12 }}>{t('availableColumns')}</Typography.Text>
      <DropBox container={PALETTE} items={available} testId={`${testId}-available`} empty={t('paletteEmpty')}>{available.map(chip)}</DropBox>
      <DragOverlay>{dragging && <Chip text={title(dragging)} />}</DragOverlay>
    </DndContext>
  );
}

/** A column's name as the list shows it: the field's label, or the system column's. */
function useColumnTitle(object: ObjectDoc) {
  const { t } = useTranslation('layouts');
  const labels = new Map(object.fields.map((f) => [f.name, pick(f.label)]));
  return (name: string) => labels.get(name) ?? ((SYSTEM_COLUMNS as readonly string[]).includes(name) ? t(`system.${name}`) : name);
}

function SortKeys({ object, sort, onChange, testId }: { object: ObjectDoc; sort: string[]; onChange: (sort: string[]) => void; testId: string }) {
  const { t } = useTranslation('layouts');
  const title = useColumnTitle(object);
  const sortable = [
    ...object.fields.filter((f) => !f.removed && !UNSORTABLE.has(f.type) && !(f.type === 'formula' && f.computeOn === 'read')).map((f) => f.name),
    ...SYSTEM_COLUMNS,
  ];
  const keyName = (key: string) => key.replace(/^-/, '');
  const set = (i: number, key: string) => onChange(sort.map((k, j) => (j === i ? key : k)));
  return (
    <Flex vertical gap={6}>
      {sort.map((key, i) => (
        <Flex key={i} gap={8} align="center" data-testid={`${testId}-${i}`}>
          <Select
            style={{ width: 220 }}
            value={keyName(key)}
            onChange={(name) => set(i, key.startsWith('-') ? `-${name}` : name)}
            options={sortable.filter((name) => name === keyName(key) || !sort.some((k) => keyName(k) === name)).map((name) => ({ value: name, label: `${title(name)} (${name})` }))}
            data-testid={`${testId}-${i}-field`}
          />
          <Segmented
            value={key.startsWith('-') ? 'desc' : 'asc'}
            onChange={(direction) => set(i, direction === 'desc' ? `-${keyName(key)}` : keyName(key))}
            options={[{ value: 'asc', label: t('ascending') }, { value: 'desc', label: t('descending') }]}
            data-testid={`${testId}-${i}-direction`}
          />
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('removeSort')} onClick={() => onChange(sort.filter((_, j) => j !== i))} data-testid={`${testId}-${i}-remove`} />
        </Flex>
      ))}
      <div>
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={sort.length >= MAX_SORT_KEYS || sortable.every((name) => sort.some((k) => keyName(k) === name))}
          onClick={() => onChange([...sort, sortable.find((name) => !sort.some((k) => keyName(k) === name))!])}
          data-testid={`${testId}-add`}
        >
          {t('addSort')}
        </Button>
      </div>
    </Flex>
  );
}
