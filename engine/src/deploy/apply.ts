import type { Knex } from 'knex';
import type { ColumnChange, PlanStep } from '../schema-sync/plan.ts';
import { QudaoError } from '../errors/catalog.ts';

/** Told each step once it ran (progress); must not wait. */
type OnStep = (step: PlanStep) => void;

/** Runs the in-transaction steps of a plan and records the columns they made. A failure rolls everything back. */
export async function applyPlan(trx: Knex.Transaction, steps: readonly PlanStep[], onStep: OnStep = () => undefined): Promise<void> {
  for (const step of steps) {
    if (step.afterCommit) continue;
    for (const sql of step.sql) await runOrThrow(trx, step, sql);
    for (const change of step.columns ?? []) await recordColumn(trx, step.object, change);
    onStep(step);
  }
}

/** Steps that can't run in a transaction: non-unique indexes built CONCURRENTLY, which no data can make fail. */
export async function runAfterCommit(knex: Knex, steps: readonly PlanStep[], onStep: OnStep = () => undefined): Promise<void> {
  for (const step of steps) {
    for (const sql of step.sql) await runOrThrow(knex, step, sql);
    onStep(step);
  }
}

/** A statement PostgreSQL refuses (duplicates under a new unique index, a value a cast can't read) names its step. */
async function runOrThrow(db: Knex | Knex.Transaction, step: PlanStep, sql: string): Promise<void> {
  try {
    await db.raw(sql);
  } catch (error) {
    const reason = (error as Error).message;
    const field = `object:${step.object}${step.field ? `/fields/${step.field}` : ''}`;
    throw new QudaoError(
      'DEPLOY_FAILED',
      [{ field, rule: step.kind, message: { 'zh-CN': `${step.description['zh-CN']}：${reason}`, en: `${step.description.en}: ${reason}` } }],
      { 'zh-CN': `执行失败：${sql} — ${reason}`, en: `Failed: ${sql} — ${reason}` },
    );
  }
}

async function recordColumn(trx: Knex.Transaction, object: string, change: ColumnChange): Promise<void> {
  if (change.renamedFrom) await trx('qd_schema_fields').where({ object, field: change.renamedFrom }).delete();
  await trx('qd_schema_fields')
    .insert({ object, field: change.field, column_type: change.columnType, removed_at: change.removed ? trx.fn.now() : null })
    .onConflict(['object', 'field'])
    .merge();
}
