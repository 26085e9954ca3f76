/** The object × right grid: a checkbox per object and right, with select-all per row (object) and per column (right). */
import { Checkbox, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OBJECT_RIGHTS, type ObjectDoc, type ObjectRight } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';
import { columnState, rightsOf, rowState, withColumn, withRight, withRow, type CheckState, type RightsGrid } from './rights-grid.ts';

interface Props {
  objects: ObjectDoc[];
  grid: RightsGrid;
  onChange: (grid: RightsGrid) => void;
}

const checkProps = (state: CheckState) => ({ checked: state === 'all', indeterminate: state === 'some' });

export function RightsGridTable({ objects, grid, onChange }: Props) {
  const { t } = useTranslation('permissions');
  const names = objects.map((o) => o.name);
  const rightColumn = (right: ObjectRight) => ({
    key: right,
    align: 'center' as const,
    title: (
      <Checkbox {...checkProps(columnState(grid, names, right))} onChange={(e) => onChange(withColumn(grid, names, right, e.target.checked))} data-testid={`grid-column-${right}`}>
        {t(`rights.${right}`)}
      </Checkbox>
    ),
    render: (o: ObjectDoc) => (
      <Checkbox checked={rightsOf(grid, o.name).includes(right)} onChange={(e) => onChange(withRight(grid, o.name, right, e.target.checked))} data-testid={`grid-${o.name}-${right}`} />
    ),
  });
  const columns = [
    {
      key: 'object',
      title: t('sets.grid.object'),
      render: (o: ObjectDoc) => <>{pick(o.label)} <Typography.Text type="secondary" code>{o.name}</Typography.Text></>,
    },
    {
      key: 'all',
      align: 'center' as const,
      title: t('sets.grid.all'),
      render: (o: ObjectDoc) => <Checkbox {...checkProps(rowState(grid, o.name))} onChange={(e) => onChange(withRow(grid, o.name, e.target.checked))} data-testid={`grid-row-${o.name}`} />,
    },
    ...OBJECT_RIGHTS.map(rightColumn),
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('sets.gridHint')}</Typography.Paragraph>
      <Table<ObjectDoc> rowKey="name" size="small" dataSource={objects} columns={columns} pagination={false} data-testid="rights-grid" />
    </>
  );
}
