/** A submission's path: each step reached so far with who decides it and how they decided. */
import { Space, Steps, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { pick } from '../i18n/index.ts';
import type { ApprovalStep, Submission } from './approval-types.ts';

const STEP_STATUS = { approved: 'finish', active: 'process', rejected: 'error', returned: 'error', cancelled: 'wait' } as const;
const TASK_COLORS: Record<string, string> = { approved: 'green', rejected: 'red', returned: 'orange', pending: 'blue', queued: 'default', cancelled: 'default' };

export function SubmissionSteps({ submission }: { submission: Submission }) {
  const { t } = useTranslation('record');
  const items = submission.steps.map((step) => ({
    title: pick(step.label),
    status: STEP_STATUS[step.status] ?? 'wait',
    content: <StepTasks step={step} />,
  }));
  if (submission.status === 'pending') items.push({ title: t('approvalEnd'), status: 'wait', content: <></> });
  return <Steps data-testid="approval-steps" orientation="vertical" size="small" items={items} />;
}

function StepTasks({ step }: { step: ApprovalStep }) {
  const { t } = useTranslation('record');
  return (
    <Space orientation="vertical" size={2}>
      {step.tasks.map((task) => (
        <div key={task.id} data-testid="approval-task">
          <Typography.Text>{task.assignee.displayName ?? task.assignee.id}</Typography.Text>{' '}
          <Tag color={TASK_COLORS[task.status] ?? 'default'}>{t(`taskStatus.${task.status}`, { defaultValue: task.status })}</Tag>
          <Typography.Text type="secondary">{pick(task.reason)}</Typography.Text>
          {task.decidedAt && <Typography.Text type="secondary"> · {dayjs(task.decidedAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>}
          {task.comment && <div><Typography.Text italic>“{task.comment}”</Typography.Text></div>}
        </div>
      ))}
      {step.dueAt && step.status === 'active' && <Typography.Text type="secondary">{t('dueAt', { at: dayjs(step.dueAt).format('YYYY-MM-DD HH:mm') })}</Typography.Text>}
    </Space>
  );
}
