/**
 * The table columns of a view: labels from the fields, values as plain formatted text (a 50-row page renders fast),
 * the first column a link to the record, sortable headers on the fields the engine may sort by.
 */
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { UiField, UiListView, UiObject } from '../../../metadata/src/ui-contract.ts';
import type { RecordData } from '../api/records.ts';
import { recordTitle } from '../api/ui.ts';
import { pick, type Language } from '../i18n/index.ts';
import { formatValue } from '../lib/format.ts';
import { sortOrderOf, visibleColumns } from './list-query.ts';

const RIGHT_ALIGNED = new Set(['number', 'integer', 'money', 'percent']);

export interface ColumnOptions {
  sort: string;
  language: Language;
  /** Phone width: the first two columns only, cut with an ellipsis. */
  compact: boolean;
}

export function recordColumns(ui: UiObject, view: UiListView, options: ColumnOptions): TableColumnsType<RecordData> {
  const fields = visibleColumns(ui, view);
  const shown = options.compact ? fields.slice(0, 2) : fields;
  return shown.map((field, index) => ({
    key: field.name,
    dataIndex: field.name,
    title: pick(field.label, options.language),
    sorter: field.filterable,
    sortOrder: sortOrderOf(options.sort, field.name),
    sortDirections: ['ascend', 'descend', 'ascend'],
    ellipsis: options.compact,
    align: RIGHT_ALIGNED.has(field.returns ?? field.type) ? 'right' : undefined,
    render: index === 0 ? (_: unknown, row: RecordData) => titleLink(ui, field, row, options.language) : (value: unknown) => formatValue(field, value, options.language),
  }));
}

function titleLink(ui: UiObject, field: UiField, row: RecordData, language: Language) {
  const text = field.name === ui.titleField ? recordTitle(ui, row) : formatValue(field, row[field.name], language) || recordTitle(ui, row);
  return <Link to={`/o/${ui.name}/${row.id}`} data-testid="list-record-link">{text}</Link>;
}
