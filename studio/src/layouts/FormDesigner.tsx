/**
 * The form's sections: fields dragged from the palette of unplaced fields into sections, between and within them,
 * or back out; each section renamed in both languages, set to one or two columns, removed (when the admin's own).
 */
import { useState, type ReactNode } from 'react';
import { CloseOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DndContext, DragOverlay, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { Alert, Button, Card, Flex, Input, Segmented, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDef, ObjectDoc } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';
import { Chip, DropBox, dropCollision, SortableChip, useDragSensors } from './Draggables.tsx';
import type { SectionModel } from './layout-model.ts';
import { addSection, dropOf, itemOf, moveField, PALETTE, unplaced, updateNamed } from './moves.ts';

interface Props {
  object: ObjectDoc;
  sections: SectionModel[];
  onChange: (sections: SectionModel[]) => void;
  /** Deploy errors by section index. */
  problems: Record<number, string[]>;
}

export function FormDesigner({ object, sections, onChange, problems }: Props) {
  const { t } = useTranslation('layouts');
  const sensors = useDragSensors();
  const [dragging, setDragging] = useState<string | null>(null);
  const live = object.fields.filter((f) => !f.removed);
  const byName = new Map(live.map((f) => [f.name, f]));
  const palette = unplaced(live.map((f) => f.name), sections);
  const containers = { [PALETTE]: palette, ...Object.fromEntries(sections.map((s) => [s.name, s.fields])) };

  const end = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const field = itemOf(active.id);
    const drop = over ? dropOf(over.id, containers) : null;
    if (field && drop) onChange(moveField(sections, field, drop.container, drop.index));
  };
  const change = (name: string, patch: Partial<SectionModel>) => onChange(updateNamed(sections, name, (s) => ({ ...s, ...patch })));
  const chip = (name: string, extra?: ReactNode) => (
    <SortableChip key={name} name={name} text={<FieldText field={byName.get(name)} name={name} />} testId={`layout-field-${name}`} extra={extra} />
  );

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={dropCollision}
      onDragStart={({ active }: DragStartEvent) => setDragging(itemOf(active.id))}
      onDragCancel={() => setDragging(null)}
      onDragEnd={end}
    >
      <Card size="small" title={t('palette')} style={{ marginBottom: 12 }} data-testid="layout-palette">
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('paletteHelp')}</Typography.Paragraph>
        <DropBox container={PALETTE} items={palette} testId="layout-palette-box" empty={t('paletteEmpty')}>
          {palette.map((name) => chip(name))}
        </DropBox>
      </Card>
      {sections.map((section, i) => (
        <Card
          key={section.name}
          size="small"
          style={{ marginBottom: 12 }}
          data-testid={`layout-section-${section.name}`}
          title={<SectionTitle section={section} onChange={(patch) => change(section.name, patch)} />}
          extra={<RemoveSection section={section} onRemove={() => onChange(sections.filter((s) => s.name !== section.name))} />}
        >
          {problems[i] && <Alert type="error" showIcon title={problems[i].join('；')} style={{ marginBottom: 8 }} data-testid={`layout-section-${section.name}-problems`} />}
          <DropBox container={section.name} items={section.fields} columns={section.columns} testId={`layout-section-${section.name}-box`} empty={t('sectionEmpty')}>
            {section.fields.map((name) => chip(name, (
              <Tooltip title={t('removeField')}>
                <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('removeField')} onClick={() => onChange(moveField(sections, name, PALETTE, 0))} data-testid={`layout-field-${name}-remove`} />
              </Tooltip>
            )))}
          </DropBox>
        </Card>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange(addSection(sections, { 'zh-CN': t('newSection.zh'), en: t('newSection.en') }))} data-testid="layout-add-section">
        {t('addSection')}
      </Button>
      <DragOverlay>{dragging && <Chip text={<FieldText field={byName.get(dragging)} name={dragging} />} />}</DragOverlay>
    </DndContext>
  );
}

function FieldText({ field, name }: { field: FieldDef | undefined; name: string }) {
  return <>{field ? pick(field.label) : name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{name}</Typography.Text></>;
}

function SectionTitle({ section, onChange }: { section: SectionModel; onChange: (patch: Partial<SectionModel>) => void }) {
  const { t } = useTranslation('layouts');
  const testId = `layout-section-${section.name}`;
  return (
    <Flex gap={8} align="center" wrap>
      <Input size="small" style={{ width: 140 }} aria-label={t('labelZh')} value={section.label['zh-CN']} onChange={(e) => onChange({ label: { ...section.label, 'zh-CN': e.target.value } })} data-testid={`${testId}-label-zh`} />
      <Input size="small" style={{ width: 140 }} aria-label={t('labelEn')} value={section.label.en} onChange={(e) => onChange({ label: { ...section.label, en: e.target.value } })} data-testid={`${testId}-label-en`} />
      <Space size={4}>
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>{t('sectionColumns')}</Typography.Text>
        <Segmented
          size="small"
          value={section.columns}
          onChange={(columns) => onChange({ columns: columns as 1 | 2 })}
          options={[{ value: 1, label: t('oneColumn') }, { value: 2, label: t('twoColumns') }]}
          data-testid={`${testId}-columns`}
        />
      </Space>
    </Flex>
  );
}

function RemoveSection({ section, onRemove }: { section: SectionModel; onRemove: () => void }) {
  const { t } = useTranslation('layouts');
  return (
    <Tooltip title={section.fromPlugin ? t('pluginSection') : t('removeSection')}>
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('removeSection')} disabled={section.fromPlugin} onClick={onRemove} data-testid={`layout-section-${section.name}-remove`} />
    </Tooltip>
  );
}
