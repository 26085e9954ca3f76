/** What happened in a submission, in order: who, when, what, and their comment. */
import { List, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { pick } from '../i18n/index.ts';
import type { Submission } from './approval-types.ts';

export function ApprovalEvents({ submission }: { submission: Submission }) {
  const { t } = useTranslation('record');
  const stepLabels = new Map(submission.steps.map((step) => [step.node, step.label]));
  return (
    <List
      data-testid="approval-events"
      size="small"
      header={<Typography.Text strong>{t('approvalEvents')}</Typography.Text>}
      dataSource={submission.events}
      renderItem={(event) => (
        <List.Item>
          <Typography.Text type="secondary" style={{ minWidth: 140 }}>{dayjs(event.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>{' '}
          <Typography.Text strong>{event.actor?.displayName ?? t('system')}</Typography.Text>{' '}
          <Typography.Text>{t(`event.${event.event}`, { defaultValue: event.event })}</Typography.Text>
          {event.node && stepLabels.has(event.node) && <Typography.Text type="secondary"> · {pick(stepLabels.get(event.node))}</Typography.Text>}
          {event.comment && <Typography.Text italic> “{event.comment}”</Typography.Text>}
        </List.Item>
      )}
    />
  );
}
