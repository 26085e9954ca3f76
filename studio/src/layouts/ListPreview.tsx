/**
 * A draft list view over real records: runtime-ui's own request (listParamsOf: columns, lookups expanded, sort,
 * filter) and cell text (formatValue), the first few rows, refetched as the draft changes.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UiListView, UiObject } from '../../../metadata/src/ui-contract.ts';
import { listRecords, type RecordData } from '../../../runtime-ui/src/api/records.ts';
import { listParamsOf, visibleColumns } from '../../../runtime-ui/src/list/list-query.ts';
import { formatValue } from '../../../runtime-ui/src/lib/format.ts';
import { currentLanguage, pick } from '../i18n/index.ts';

const ROWS = 5;

export function ListPreview({ ui, view, testId }: { ui: UiObject; view: UiListView; testId: string }) {
  const { t } = useTranslation('layouts');
  const params = listParamsOf(ui, view, { limit: ROWS });
  const records = useQuery({
    queryKey: ['layout-preview', ui.name, params],
    queryFn: ({ signal }) => listRecords(ui.name, params, signal),
    placeholderData: keepPreviousData,
  });
  const language = currentLanguage();
  const columns = visibleColumns(ui, view).map((field) => ({
    key: field.name,
    dataIndex: field.name,
    title: pick(field.label, language),
    render: (value: unknown) => formatValue(field, value, language),
  }));
  return (
    <div data-testid={testId}>
      {records.error && <Alert type="error" showIcon title={records.error.message} style={{ marginBottom: 8 }} data-testid={`${testId}-error`} />}
      <Table<RecordData>
        rowKey="id"
        size="small"
        loading={records.isFetching}
        dataSource={records.data?.data ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('noRecords') }}
      />
    </div>
  );
}
