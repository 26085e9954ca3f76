/** The route a record would take if submitted now: each step, who would decide and why, and what blocks it. */
import { Alert, Steps, Typography } from 'antd';
import { pick } from '../i18n/index.ts';
import type { RoutePreview } from './approval-types.ts';

const SHOWN = new Set(['approval', 'condition', 'end']);

export function RouteStops({ preview }: { preview: RoutePreview }) {
  const stops = preview.route.filter((stop) => SHOWN.has(stop.type));
  return (
    <Steps
      data-testid="approval-route"
      orientation="vertical"
      size="small"
      current={-1}
      items={stops.map((stop) => ({
        title: pick(stop.label),
        status: stop.problem ? 'error' : 'wait',
        content: (
          <>
            {stop.approvers?.map((a) => (
              <div key={a.userId}>
                <Typography.Text>{a.displayName || a.username}</Typography.Text>{' '}
                <Typography.Text type="secondary">{pick(a.reason)}</Typography.Text>
              </div>
            ))}
            {stop.problem && <Alert type="error" showIcon title={pick(stop.problem)} style={{ marginTop: 4 }} />}
          </>
        ),
      }))}
    />
  );
}
