import type { Knex } from 'knex';
import { processAutomationJobs } from './automations/automation.jobs.ts';
import type { AutomationRunner } from './automations/automation-runner.ts';
import type { JobContext, JobQueue } from './jobs/job-queue.ts';
import { processLetterBatchJobs } from './letters/letters-batch.job.ts';
import type { LetterDeps } from './letters/letter-service.ts';
import { processRecordChanged } from './jobs/record-changed.job.ts';
import { processNotificationJobs } from './notifications/notification.job.ts';
import type { Notifier } from './notifications/notify.ts';
import type { AfterCommitEvent } from './plugin-api.ts';
import type { PluginHost } from './plugins/plugin-host.ts';
import type { SigningSecretSource } from './webhooks/signing-secret.ts';
import { processWebhookJobs } from './webhooks/webhook.job.ts';
import type { WorkflowService } from './workflow/workflow-service.ts';
import { processWorkflowJobs } from './workflow/workflow.jobs.ts';

export interface JobHandlerDeps {
  knex: Knex;
  host: Pick<PluginHost, 'afterCommit'>;
  workflows: WorkflowService;
  notifier: Pick<Notifier, 'notify'>;
  webhookSecret: SigningSecretSource;
  automations: AutomationRunner;
  letters: LetterDeps;
}

/** The one place every job handler is registered, so the API process and a worker run the very same set. */
export function registerJobHandlers(jobs: JobQueue, deps: JobHandlerDeps): void {
  processRecordChanged(jobs, (event, job) => runAutomationsAndHooks(deps, event, job));
  processWebhookJobs(jobs, { knex: deps.knex, secret: deps.webhookSecret });
  processWorkflowJobs(jobs, deps.workflows);
  processNotificationJobs(jobs, deps.notifier);
  processAutomationJobs(jobs, deps.automations);
  processLetterBatchJobs(jobs, deps.letters);
}

/** A write's automations and the plugins' afterCommit hooks both run; a failure of either fails the job, whose retry runs both again (each is idempotent). */
async function runAutomationsAndHooks(deps: JobHandlerDeps, event: AfterCommitEvent, job: JobContext): Promise<void> {
  const automationsFailed = await deps.automations.onRecordChanged(event, job).then(() => undefined, (error: unknown) => ({ error }));
  await deps.host.afterCommit(event);
  if (automationsFailed) throw automationsFailed.error;
}
