/**
 * Runs automations: on a committed write (the `record.changed` job), on an approval's end (`workflow.completed`) and
 * at a schedule's times (`automation.tick`). Each run is one automation on one record, in ONE transaction with its
 * run-log row, whose unique key makes a second delivery of the same event a no-op (jobs are at least once). A failing
 * action rolls its run back and fails the job, which retries it; the last attempt logs the run as failed.
 */
import type { Knex } from 'knex';
import { foldConstants } from '../../../metadata/src/jsonlogic-fold.ts';
import { evaluateLogic, isTruthy } from '../../../metadata/src/jsonlogic.ts';
import type { AutomationDoc, JsonLogic, Label, Locale } from '../../../metadata/src/types.ts';
import { runActions } from '../actions/run-actions.ts';
import { ERROR_CATALOG, QudaoError } from '../errors/catalog.ts';
import type { JobContext } from '../jobs/job-queue.ts';
import type { AfterCommitEvent } from '../plugin-api.ts';
import type { Registry } from '../registry.ts';
import type { RecordService } from '../records/record-service.ts';
import { systemPrincipal, type WriteContext } from '../security/principal.ts';
import { causeOf, chainOf, isTooDeep, tooDeepError } from './automation-chain.ts';
import { loadAutomationRecord } from './automation-record.ts';
import { hasRun, logRun, type AutomationRun } from './automation-runs.ts';
import { tickPeriod } from './automation-schedules.ts';
import { activeAutomations, setOffByApproval, setOffByWrite, type WorkflowCompleted } from './triggers.ts';

export interface AutomationRunnerDeps {
  knex: Knex;
  registry: Registry;
  records: RecordService;
  adminId: string;
  /** Starts a workflow inside the run's transaction (WorkflowService.startInTransaction). */
  startWorkflow(trx: Knex.Transaction, start: { workflow: string; object: string; recordId: string; submittedBy: string }): Promise<unknown>;
}

/** One automation on one record, for one reason. */
interface Run {
  automation: AutomationDoc;
  /** The automation's condition as this run judges it: a tick's is folded at the tick's time (jsonlogic-fold.ts). */
  condition: JsonLogic | undefined;
  recordId: string;
  /** Unique per effect; no ':' (it becomes part of job ids, which BullMQ refuses with one). */
  key: string;
  /** The automations whose writes led here, outermost first. */
  chain: string[];
  /** Whom the actions' writes are audited as. */
  actor: string;
}

/** Records a schedule's tick reads per query. */
const TICK_PAGE = 200;

export class AutomationRunner {
  constructor(private readonly deps: AutomationRunnerDeps) {}

  /** The automations of the object that the write sets off; the event's job id keys their runs. */
  async onRecordChanged(event: AfterCommitEvent, job: JobContext): Promise<void> {
    const chain = chainOf(event.cause);
    const runs = this.automations().filter((a) => setOffByWrite(a, event)).map((automation): Run => ({
      automation, condition: automation.condition, recordId: event.recordId, key: `${automation.name}/${job.id}`, chain, actor: event.actor ?? this.deps.adminId,
    }));
    await this.runEach(runs, job);
  }

  async onWorkflowCompleted(completed: WorkflowCompleted, job: JobContext): Promise<void> {
    const runs = this.automations().filter((a) => setOffByApproval(a, completed)).map((automation): Run => ({
      automation, condition: automation.condition, recordId: completed.recordId, key: `${automation.name}/workflow-${completed.instanceId}`, chain: [], actor: this.deps.adminId,
    }));
    await this.runEach(runs, job);
  }

  /**
   * A schedule's time `at` came: the automation runs on each record its condition selects (in the database). `today`
   * and `now` in the condition are those of `at`, so a retry or a late delivery selects what the tick was due to.
   */
  async onSchedule(name: string, at: Date, job: JobContext): Promise<void> {
    const automation = this.automations().find((a) => a.name === name);
    if (automation?.trigger.on !== 'schedule') return;
    await this.runEach(this.scheduledRuns(automation, at, tickPeriod(automation.trigger, at)), job);
  }

  private automations(): AutomationDoc[] {
    return activeAutomations(this.deps.registry.documents('automation'));
  }

  /** Every run is tried; the job fails (and retries all, the done ones being no-ops) if any failed. */
  private async runEach(runs: Iterable<Run> | AsyncIterable<Run>, job: JobContext): Promise<void> {
    const failures: unknown[] = [];
    for await (const run of runs) await this.run(run, job).catch((error: unknown) => failures.push(error));
    if (failures.length === 1) throw failures[0];
    if (failures.length) throw new AggregateError(failures, `${failures.length} automation runs failed; the first: ${(failures[0] as Error).message}`);
  }

  private async run(run: Run, job: JobContext): Promise<void> {
    try {
      await this.deps.knex.transaction((trx) => this.runInTransaction(trx, run));
    } catch (error) {
      if (job.maxAttempts !== undefined && job.attempt >= job.maxAttempts) {
        await logRun(this.deps.knex, { ...logOf(run), status: 'failed', error: errorLabel(error) });
      }
      throw error;
    }
  }

  /**
   * Nothing when the key already ran, the record is gone or the condition doesn't hold on the record as it is now;
   * a run that would go on a chain already MAX_AUTOMATION_DEPTH deep is only logged, as stopped.
   */
  private async runInTransaction(trx: Knex.Transaction, run: Run): Promise<void> {
    const { automation } = run;
    const object = this.deps.registry.object(automation.object);
    if (!object || (await hasRun(trx, run.key))) return;
    const records = this.deps.records.inTransaction(trx);
    const ctx = this.writeContext(run);
    const record = await loadAutomationRecord(trx, records, this.deps.registry, automation, object, run.recordId, ctx);
    if (!record || (run.condition !== undefined && !isTruthy(evaluateLogic(run.condition, record)))) return;
    if (isTooDeep(run.chain)) {
      await logRun(trx, { ...logOf(run), status: 'stopped', error: tooDeepError(run.chain, automation.name) });
      return;
    }
    if (!(await logRun(trx, { ...logOf(run), status: 'done' }))) return;
    await runActions(automation.actions, {
      trx, records, object, record, ctx,
      source: `automation:${automation.name}`,
      key: `automation-${run.key}`,
      roleLabel: (role) => this.deps.registry.documents('role').find((d) => d.name === role)?.label,
      startWorkflow: async (workflow, objectName, recordId) => {
        await this.deps.startWorkflow(trx, { workflow, object: objectName, recordId, submittedBy: run.actor });
      },
    });
  }

  /** The engine's rights (an automation may set what its trigger's author could not), audited as `run.actor`, with the chain. */
  private writeContext(run: Run): WriteContext {
    return {
      actor: run.actor,
      requestId: null,
      principal: systemPrincipal(this.deps.adminId),
      cause: causeOf(run.chain, run.automation.name),
    };
  }

  /** A run per record the condition selects, read page by page (a schedule may select many), keyed by the tick's `period`. */
  private async *scheduledRuns(automation: AutomationDoc, at: Date, period: string): AsyncIterable<Run> {
    const condition = automation.condition === undefined ? undefined : foldConstants(automation.condition, at);
    const query = { filter: condition, fields: ['id'], sort: 'id', limit: TICK_PAGE };
    let cursor: string | undefined;
    do {
      const page = await this.deps.records.list(automation.object, { ...query, cursor }, { principal: systemPrincipal(this.deps.adminId) });
      for (const { id } of page.data) {
        yield { automation, condition, recordId: id as string, key: `${automation.name}/${period}/${id}`, chain: [], actor: this.deps.adminId };
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}

function logOf(run: Run): Omit<AutomationRun, 'status'> {
  return { key: run.key, automation: run.automation.name, trigger: run.automation.trigger.on, object: run.automation.object, recordId: run.recordId };
}

/** What made a run fail, in both languages where the error has them. */
function errorLabel(error: unknown): Label {
  if (!(error instanceof QudaoError)) {
    const text = error instanceof Error ? error.message : String(error);
    return { 'zh-CN': text, en: text };
  }
  const describe = (locale: Locale) =>
    [error.detail?.[locale], ...error.errors.map((e) => `${e.field}: ${e.message[locale]}`)].filter(Boolean).join('; ') || ERROR_CATALOG[error.code].title[locale];
  return { 'zh-CN': describe('zh-CN'), en: describe('en') };
}
