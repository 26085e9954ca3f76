/** The times of schedule automations: checked at deploy with the parser the job queue runs them with. */
import { inDocument, problem } from '../../../metadata/src/problem.ts';
import { DEFAULT_SCHEDULE_TIMEZONE, type MetadataDoc, type Problem } from '../../../metadata/src/types.ts';
import { cronError, isTimeZone } from '../jobs/cron.ts';

export function checkSchedules(documents: readonly MetadataDoc[]): Problem[] {
  return documents.flatMap((doc) => {
    if (doc.kind !== 'automation' || doc.trigger.on !== 'schedule') return [];
    const { cron, timezone = DEFAULT_SCHEDULE_TIMEZONE } = doc.trigger;
    if (!isTimeZone(timezone)) {
      return inDocument([problem('/trigger/timezone', 'unknown_timezone', `未知时区 ${timezone}（应如 Asia/Shanghai）`, `unknown time zone ${timezone} (e.g. Asia/Shanghai)`)], doc);
    }
    const error = cronError(cron, timezone);
    if (error === undefined) return [];
    return inDocument([problem('/trigger/cron', 'bad_cron', `cron 表达式 "${cron}" 无效：${error}`, `the cron expression "${cron}" is not valid: ${error}`)], doc);
  });
}
