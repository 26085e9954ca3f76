/** The field access of a permission set on one chosen object: none, read-only or editable per field. */
import { Alert, Radio, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FIELD_ACCESS_LEVELS, type ObjectDoc } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';
import { fieldRows, objectLevel, withFieldLevel, type FieldLevels, type FieldRow } from './field-matrix.ts';
import { rightsOf, type RightsGrid } from './rights-grid.ts';

interface Props {
  objects: ObjectDoc[];
  object: string | undefined;
  onObject: (object: string) => void;
  grid: RightsGrid;
  levels: FieldLevels;
  onChange: (levels: FieldLevels) => void;
}

export function FieldMatrix({ objects, object, onObject, grid, levels, onChange }: Props) {
  const { t } = useTranslation('permissions');
  const doc = objects.find((o) => o.name === object);
  const rights = doc ? rightsOf(grid, doc.name) : [];
  const unreadable = objectLevel(rights) === 'none';
  const columns = [
    { key: 'field', title: t('sets.field'), render: (row: FieldRow) => <>{pick(row.label)} <Typography.Text type="secondary" code>{row.name}</Typography.Text></> },
    {
      key: 'level',
      title: t('explain.level'),
      render: (row: FieldRow) => (
        <Radio.Group
          value={row.level}
          disabled={unreadable}
          onChange={(e) => onChange(withFieldLevel(levels, doc!.name, row.name, e.target.value))}
          options={FIELD_ACCESS_LEVELS.map((level) => ({
            value: level,
            label: <span data-testid={`field-level-${row.name}-${level}`}>{t(`levels.${level}`)}</span>,
            disabled: level === 'edit' && row.computed,
          }))}
        />
      ),
    },
    {
      key: 'source',
      title: '',
      render: (row: FieldRow) => row.computed ? <Tag>{t('sets.computed')}</Tag> : <Tag color={row.overridden ? 'blue' : undefined}>{t(row.overridden ? 'sets.overridden' : 'sets.follows')}</Tag>,
    },
  ];
  return (
    <div data-testid="field-matrix">
      <Typography.Paragraph type="secondary">{t('sets.fieldsHint')}</Typography.Paragraph>
      <Select
        showSearch
        optionFilterProp="label"
        placeholder={t('sets.pickObject')}
        value={object}
        onChange={onObject}
        options={objects.map((o) => ({ value: o.name, label: `${pick(o.label)} (${o.name})` }))}
        style={{ width: 320, marginBottom: 12 }}
        data-testid="field-matrix-object"
      />
      {doc && unreadable && <Alert type="info" showIcon title={t('sets.noRead')} style={{ marginBottom: 12 }} />}
      {doc && <Table<FieldRow> rowKey="name" size="small" dataSource={fieldRows(doc, rights, levels)} columns={columns} pagination={false} />}
    </div>
  );
}
