/** The object's list views as tabs, each with its record count (the current one from the page itself). */
import { useQueries } from '@tanstack/react-query';
import { Tabs } from 'antd';
import type { UiListView, UiObject } from '../../../metadata/src/ui-contract.ts';
import { listRecords } from '../api/records.ts';
import { pick } from '../i18n/index.ts';

export function ViewTabs({ ui, views, current, currentTotal, onChange }: {
  ui: UiObject;
  views: UiListView[];
  current: string;
  currentTotal: number | undefined;
  onChange: (view: string) => void;
}) {
  const counts = useQueries({
    queries: views.map((view) => ({
      queryKey: ['records', ui.name, 'count', view.name],
      enabled: view.name !== current || currentTotal === undefined,
      queryFn: ({ signal }: { signal: AbortSignal }) => listRecords(ui.name, { filter: view.filter, limit: 1, fields: ['id'], count: true }, signal),
      staleTime: 30_000,
    })),
  });
  const items = views.map((view, i) => {
    const total = view.name === current && currentTotal !== undefined ? currentTotal : counts[i]?.data?.total;
    return {
      key: view.name,
      label: (
        <span data-testid={`list-view-${view.name || 'all'}`}>
          {pick(view.label)}
          {total !== undefined && <span style={{ marginInlineStart: 6, padding: '0 6px', borderRadius: 10, background: '#eef2f8', color: '#5b6b82', fontSize: 12 }}>{total}</span>}
        </span>
      ),
    };
  });
  return <Tabs activeKey={current} items={items} onChange={onChange} size="small" style={{ marginBottom: 0 }} data-testid="list-views" />;
}
