import type { JobQueue } from '../jobs/job-queue.ts';
import { STEP_DUE } from './approval-step.ts';
import type { WorkflowService } from './workflow-service.ts';

/** The workflow's timers: a step's due time passing (queued when the step started, for that moment). */
export function processWorkflowJobs(jobs: JobQueue, workflows: WorkflowService): void {
  jobs.process<{ stepId: string }>(STEP_DUE, ({ stepId }) => workflows.stepDue(stepId));
}
