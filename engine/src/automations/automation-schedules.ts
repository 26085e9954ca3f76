/**
 * Each active schedule automation is a repeating job of the queue (a BullMQ job scheduler, or a scheduled row of the
 * in-process runner) that adds an `automation.tick` job at each of its cron's times. The set is brought in line with
 * the metadata whenever the registry reloads (a deploy, here or on another instance).
 */
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_SCHEDULE_TIMEZONE, type AutomationDoc, type MetadataDoc } from '../../../metadata/src/types.ts';
import { dayIn, firesAtMostDaily } from '../jobs/cron.ts';
import type { JobQueue, JobSchedule } from '../jobs/job-queue.ts';
import { activeAutomations } from './triggers.ts';

export const AUTOMATION_TICK = 'automation.tick';

export interface TickJob {
  automation: string;
}

const ID_PREFIX = 'automation-';

/** Adds, changes and removes the queue's automation schedules so that they are exactly the active ones of `docs`. */
export async function syncAutomationSchedules(jobs: Pick<JobQueue, 'schedule' | 'unschedule' | 'schedules'>, docs: readonly MetadataDoc[]): Promise<void> {
  const wanted = new Map(activeAutomations(docs).flatMap(scheduleOf).map((s) => [s.id, s]));
  const existing = (await jobs.schedules()).filter((s) => s.id.startsWith(ID_PREFIX));
  for (const schedule of existing) if (!wanted.has(schedule.id)) await jobs.unschedule(schedule.id);
  for (const schedule of wanted.values()) {
    if (!existing.some((s) => isDeepStrictEqual(s, schedule))) await jobs.schedule(schedule);
  }
}

function scheduleOf(automation: AutomationDoc): JobSchedule[] {
  const { trigger } = automation;
  if (trigger.on !== 'schedule') return [];
  const data: TickJob = { automation: automation.name };
  return [{ id: `${ID_PREFIX}${automation.name}`, cron: trigger.cron, timezone: trigger.timezone ?? DEFAULT_SCHEDULE_TIMEZONE, name: AUTOMATION_TICK, data }];
}

/**
 * What keys the runs of a tick at `at`: for a schedule that fires at most once a day, the tick's calendar day in its
 * time zone, so that a cron moved later the same day (an 08:00 reminder changed to 09:00 at 08:30) runs no record
 * twice that day; for one that fires more often, the tick's time.
 */
export function tickPeriod(trigger: Extract<AutomationDoc['trigger'], { on: 'schedule' }>, at: Date): string {
  return firesAtMostDaily(trigger.cron) ? dayIn(at, trigger.timezone ?? DEFAULT_SCHEDULE_TIMEZONE) : String(at.getTime());
}
