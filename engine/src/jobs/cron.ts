/** Cron expressions, read the way BullMQ reads them (with the same parser), for the in-process runner and deploy checks. */
import { CronExpressionParser } from 'cron-parser';

/** The first time after `after` that `cron` names, in `timezone`. Throws when the expression can't be read. */
export function nextCronTime(cron: string, after: Date, timezone: string): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone }).next().toDate();
}

/** Why `cron` can't run (in a known `timezone`), in the parser's words; undefined when it can. */
export function cronError(cron: string, timezone: string): string | undefined {
  try {
    nextCronTime(cron, new Date(), timezone);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** An IANA time zone name this runtime knows (`Asia/Shanghai`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Whether `cron` fires at most once a day: one minute and one hour (`0 8 * * *`, `30 7 * * 1-5`). */
export function firesAtMostDaily(cron: string): boolean {
  const [minute, hour] = cron.trim().split(/\s+/);
  return /^\d+$/.test(minute ?? '') && /^\d+$/.test(hour ?? '');
}

/** The calendar day (`yyyy-mm-dd`) of `instant` in `timezone`. */
export function dayIn(instant: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
