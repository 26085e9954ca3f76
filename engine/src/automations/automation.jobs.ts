import type { JobQueue } from '../jobs/job-queue.ts';
import { WORKFLOW_COMPLETED } from '../workflow/instance-run.ts';
import type { AutomationRunner } from './automation-runner.ts';
import { AUTOMATION_TICK, type TickJob } from './automation-schedules.ts';
import type { WorkflowCompleted } from './triggers.ts';

/**
 * Automations on an approval's end and at a schedule's times. (On a write they run from the `record.changed` job,
 * beside the plugins' afterCommit hooks: see job-handlers.ts.) A tick's time is the one it was due at, the same on a
 * retry, so the records it already ran on are not run again (nor, for a daily schedule, on another tick that day).
 */
export function processAutomationJobs(jobs: JobQueue, runner: AutomationRunner): void {
  jobs.process<WorkflowCompleted>(WORKFLOW_COMPLETED, (completed, job) => runner.onWorkflowCompleted(completed, job));
  jobs.process<TickJob>(AUTOMATION_TICK, ({ automation }, job) => runner.onSchedule(automation, job.scheduledFor ?? new Date(), job));
}
