/**
 * Each active schedule automation is a repeating job of the queue (a BullMQ job scheduler, or a scheduled row of the
 * in-process runner) that adds an `automation.tick` job at each of its cron's times. The set is brought in line with
 * the metadata whenever the registry reloads (a deploy, here or on another instance).
 */
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_SCHEDULE_TIMEZONE, type AutomationDoc, type MetadataDoc } from '../../../metadata/src/types.ts';
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
