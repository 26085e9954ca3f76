/** The run log of automations (qd_automation_runs): one row per run key, and the operator's list of it. */
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { AutomationTrigger, Label } from '../../../metadata/src/types.ts';

export const RUN_STATUSES = ['done', 'stopped', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface AutomationRun {
  /** Unique per effect: `<automation>/<event>`, or `<automation>/<tick's day or time>/<record>` (automation-schedules.ts tickPeriod). */
  key: string;
  automation: string;
  trigger: AutomationTrigger['on'];
  object: string;
  recordId: string;
  status: RunStatus;
  error?: Label;
}

export interface RunView extends Omit<AutomationRun, 'error'> {
  id: string;
  error: Label | null;
  at: string;
}

export interface RunListQuery {
  automation?: string;
  status?: RunStatus;
  limit: number;
}

const RUNS = 'qd_automation_runs';

/** True when the key already ran to an end (done, or stopped by the loop bound); a failed run may run again. */
export async function hasRun(db: Knex | Knex.Transaction, key: string): Promise<boolean> {
  return Boolean(await db(RUNS).where({ key }).whereNot({ status: 'failed' }).first('id'));
}

/**
 * Logs a run; false when its key already ran to an end (another delivery of the same event got there first: its
 * row's lock makes this wait until that one commits). A failed run's row is taken over by the run that follows it.
 */
export async function logRun(db: Knex | Knex.Transaction, run: AutomationRun): Promise<boolean> {
  const row = {
    id: uuidv7(), key: run.key, automation: run.automation, trigger: run.trigger, object: run.object, record_id: run.recordId,
    status: run.status, error: run.error ? JSON.stringify(run.error) : null,
  };
  const taken = await db(RUNS)
    .insert(row)
    .onConflict('key')
    .merge({ status: row.status, error: row.error, at: db.fn.now() })
    .where(`${RUNS}.status`, 'failed')
    .returning('id');
  return taken.length > 0;
}

/** Newest first. */
export async function listRuns(knex: Knex, query: RunListQuery): Promise<RunView[]> {
  const rows = await knex(RUNS)
    .modify((q) => {
      if (query.automation) q.where('automation', query.automation);
      if (query.status) q.where('status', query.status);
    })
    .orderBy('id', 'desc')
    .limit(query.limit);
  return rows.map((row: Record<string, any>) => ({
    id: row.id, key: row.key, automation: row.automation, trigger: row.trigger, object: row.object, recordId: row.record_id,
    status: row.status, error: row.error ?? null, at: new Date(row.at).toISOString(),
  }));
}
