/**
 * The record's approval: the latest submission's path and events with what the user may do now (decide a task of
 * theirs, recall their submission, submit again), or, before any submission, the route it would take.
 */
import { Alert, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import type { RecordData } from '../api/records.ts';
import { pick } from '../i18n/index.ts';
import { useSession } from '../shell/session.tsx';
import { ApprovalEvents } from './ApprovalEvents.tsx';
import type { Submission } from './approval-types.ts';
import { DecisionBar } from './DecisionBar.tsx';
import { RecallButton } from './RecallButton.tsx';
import { useApprovals, useRefreshRecord, useSubmitPreview } from './record-queries.ts';
import { RouteStops } from './RouteStops.tsx';
import { SubmissionSteps } from './SubmissionSteps.tsx';
import { SubmitButton } from './SubmitButton.tsx';

const STATUS_COLORS = { pending: 'orange', approved: 'green', rejected: 'red', returned: 'gold', recalled: 'default' } as const;

export function ApprovalPanel({ ui, record }: { ui: UiObject; record: RecordData }) {
  const { t } = useTranslation('record');
  const { app } = useSession();
  const refresh = useRefreshRecord(ui.name, record.id);
  const approvals = useApprovals(ui.name, record.id);
  const latest = approvals.data?.[0];
  if (approvals.isPending) return <Skeleton active />;
  if (!latest) return <NotSubmitted ui={ui} record={record} onDone={refresh} />;
  const pending = latest.status === 'pending';
  const myTask = pending ? myPendingTask(latest, app.user.id) : undefined;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="approval-panel">
      <Space wrap>
        <Typography.Text strong>{pick(latest.workflow.label)}</Typography.Text>
        <Tag color={STATUS_COLORS[latest.status]} data-testid="approval-status">{t(`instanceStatus.${latest.status}`)}</Tag>
        <Typography.Text type="secondary">
          {t('submittedBy', { who: latest.submittedBy.displayName ?? '', at: dayjs(latest.submittedAt).format('YYYY-MM-DD HH:mm') })}
        </Typography.Text>
        {pending && latest.submittedBy.id === app.user.id && <RecallButton object={ui.name} recordId={record.id} onDone={refresh} />}
        {!pending && ui.rights.update && <SubmitButton ui={ui} record={record} onDone={refresh} testId="approval-resubmit" />}
      </Space>
      {myTask && <DecisionBar task={myTask} onDone={refresh} />}
      <SubmissionSteps submission={latest} />
      <ApprovalEvents submission={latest} />
    </Space>
  );
}

function myPendingTask(submission: Submission, userId: string): string | undefined {
  return submission.steps.flatMap((s) => s.tasks).find((task) => task.status === 'pending' && task.assignee.id === userId)?.id;
}

function NotSubmitted({ ui, record, onDone }: { ui: UiObject; record: RecordData; onDone: () => Promise<void> }) {
  const { t } = useTranslation('record');
  const preview = useSubmitPreview(ui.name, record.id, undefined, true);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="approval-panel">
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notSubmitted')} />
      {preview.data && <Typography.Text strong>{t('routeOf', { workflow: pick(preview.data.workflow.label) })}</Typography.Text>}
      {preview.data && <RouteStops preview={preview.data} />}
      {preview.data && !preview.data.canSubmit && <Alert type="warning" showIcon title={t('cannotSubmit')} />}
      {preview.error && <Alert type="info" showIcon title={(preview.error as Error).message} />}
      {ui.rights.update && <SubmitButton ui={ui} record={record} onDone={onDone} testId="approval-submit-panel" />}
    </Space>
  );
}
