/**
 * The header's background-work button: a badge with the number of running deploys, installs, imports and letter
 * batches, opening a list of the caller's recent work with its progress, status and outcome.
 */
import { SyncOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Empty, Flex, Popover, Progress, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { pick } from '../i18n/index.ts';
import { isOpen, percentOf, useRecentWork, type Work, type WorkStatus } from './useWork.ts';

const STATUS_COLORS: Record<WorkStatus, string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' };
const PROGRESS_STATUS = { queued: 'normal', running: 'active', succeeded: 'success', failed: 'exception' } as const;

export function WorkIndicator() {
  const { t } = useTranslation('work');
  const recent = useRecentWork();
  const running = recent.data?.filter(isOpen).length ?? 0;
  return (
    <Popover trigger="click" placement="bottomRight" title={t('title')} content={<WorkList recent={recent} />}>
      <Badge count={running} size="small" title={t('running', { count: running })}>
        <Button
          type="text"
          aria-label={t('open')}
          data-testid="work-indicator"
          icon={running ? <SyncOutlined spin /> : <UnorderedListOutlined />}
        />
      </Badge>
    </Popover>
  );
}

function WorkList({ recent }: { recent: ReturnType<typeof useRecentWork> }) {
  const { t } = useTranslation('work');
  if (recent.isPending) return <Skeleton active paragraph={{ rows: 2 }} style={{ width: 320 }} />;
  if (recent.isError) return <Alert type="error" showIcon title={t('loadFailed')} />;
  if (!recent.data.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />;
  return (
    <Flex vertical gap={12} style={{ width: 360, maxHeight: 420, overflowY: 'auto' }} data-testid="work-list">
      {recent.data.map((work) => <WorkItem key={work.id} work={work} />)}
    </Flex>
  );
}

/** One piece of work: its label and status, a progress bar, its outcome or last step, and when. */
export function WorkItem({ work }: { work: Work }) {
  const { t } = useTranslation('work');
  const percent = percentOf(work);
  const when = work.finishedAt
    ? t('finishedAt', { at: dayjs(work.finishedAt).format('YYYY-MM-DD HH:mm:ss') })
    : t('startedAt', { at: dayjs(work.startedAt ?? work.createdAt).format('YYYY-MM-DD HH:mm:ss') });
  return (
    <div data-testid="work-item" data-status={work.status}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong ellipsis>{pick(work.label)}</Typography.Text>
        <Tag color={STATUS_COLORS[work.status]}>{t(`status.${work.status}`)}</Tag>
      </Flex>
      <WorkProgress work={work} percent={percent} />
      {work.message && (
        <Typography.Paragraph type={work.status === 'failed' ? 'danger' : 'secondary'} ellipsis={{ rows: 2, tooltip: pick(work.message) }} style={{ margin: 0 }}>
          {pick(work.message)}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{when}</Typography.Text>
    </div>
  );
}

/** The bar of one piece of work: done of total when the total is known, else an indeterminate bar while it runs. */
export function WorkProgress({ work, percent = percentOf(work) }: { work: Work; percent?: number }) {
  const { t } = useTranslation('work');
  const status = PROGRESS_STATUS[work.status];
  const format = () => (work.total !== null ? t('steps', { done: work.done, total: work.total }) : undefined);
  if (percent === undefined) return isOpen(work) ? <Progress percent={100} status="active" showInfo={false} size="small" /> : null;
  return <Progress percent={percent} status={status} size="small" format={work.total !== null ? format : undefined} />;
}
