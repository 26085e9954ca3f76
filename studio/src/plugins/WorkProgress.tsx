/** The progress of a plugin change running under `workId` (GET /api/work/:id): steps, then rows loaded. */
import { Progress, Typography } from 'antd';
import { percentOf, useWorkProgress } from '../../../runtime-ui/src/work/useWork.ts';
import { pick } from '../i18n/index.ts';

export function WorkProgress({ workId }: { workId: string }) {
  const work = useWorkProgress(workId).data;
  if (!work) return null;
  const percent = percentOf(work);
  return (
    <div data-testid="plugin-work" data-status={work.status} style={{ marginBottom: 16 }}>
      <Typography.Text>{pick(work.label)}</Typography.Text>
      <Progress percent={percent ?? 0} status={work.status === 'failed' ? 'exception' : work.status === 'succeeded' ? 'success' : 'active'} />
      {work.message && <Typography.Text type="secondary">{pick(work.message)}</Typography.Text>}
    </div>
  );
}
