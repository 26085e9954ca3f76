import type { Knex } from 'knex';
import type { Label } from '../../../metadata/src/types.ts';

export const WORK_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];

/** A piece of long work as the API shows it. */
export interface Work {
  id: string;
  kind: string;
  label: Label;
  userId: string | null;
  status: WorkStatus;
  done: number;
  total: number | null;
  message: Label | null;
  result: unknown;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

interface WorkRow {
  id: string;
  kind: string;
  label_zh: string;
  label_en: string;
  user_id: string | null;
  status: WorkStatus;
  done: number;
  total: number | null;
  message_zh: string | null;
  message_en: string | null;
  result: unknown;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  updated_at: Date | string;
}

/** What changes while work runs: how far it got, and its last step or its outcome. */
export interface WorkChange {
  status?: WorkStatus;
  done?: number;
  total?: number | null;
  message?: Label | null;
  result?: unknown;
}

const TABLE = 'qd_work';

export class WorkIdTakenError extends Error {
  constructor(readonly id: string) {
    super(`The work id ${id} is taken`);
  }
}

export async function insertWork(
  knex: Knex,
  work: { id: string; kind: string; label: Label; userId: string | null; status: 'queued' | 'running'; total: number | null },
): Promise<void> {
  try {
    await knex(TABLE).insert({
      id: work.id,
      kind: work.kind,
      label_zh: work.label['zh-CN'],
      label_en: work.label.en,
      user_id: work.userId,
      status: work.status,
      total: work.total,
      started_at: work.status === 'running' ? knex.fn.now() : null,
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new WorkIdTakenError(work.id);
    throw error;
  }
}

/** A change of work still open: a finished row is never touched again (at least once delivery may replay a step). */
export async function updateWork(knex: Knex, id: string, change: WorkChange): Promise<void> {
  const finishing = change.status === 'succeeded' || change.status === 'failed';
  await knex(TABLE)
    .where({ id })
    .whereIn('status', ['queued', 'running'])
    .update({
      ...(change.status ? { status: change.status } : {}),
      ...(change.done !== undefined ? { done: change.done } : {}),
      ...(change.total !== undefined ? { total: change.total } : {}),
      ...(change.message !== undefined ? { message_zh: change.message?.['zh-CN'] ?? null, message_en: change.message?.en ?? null } : {}),
      ...(change.result !== undefined ? { result: change.result === null ? null : JSON.stringify(change.result) } : {}),
      started_at: knex.raw('coalesce(started_at, now())'),
      ...(finishing ? { finished_at: knex.fn.now() } : {}),
      updated_at: knex.fn.now(),
    });
}

export async function findWork(knex: Knex, id: string): Promise<Work | undefined> {
  const row = await knex(TABLE).where({ id }).first<WorkRow | undefined>();
  return row && toWork(row);
}

export async function listWork(knex: Knex, filter: { userId?: string; status?: WorkStatus; limit: number }): Promise<Work[]> {
  const rows = await knex(TABLE)
    .modify((q) => {
      if (filter.userId) q.where('user_id', filter.userId);
      if (filter.status) q.where('status', filter.status);
    })
    .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(filter.limit)
    .select<WorkRow[]>('*');
  return rows.map(toWork);
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function toWork(row: WorkRow): Work {
  return {
    id: row.id,
    kind: row.kind,
    label: { 'zh-CN': row.label_zh, en: row.label_en },
    userId: row.user_id,
    status: row.status,
    done: row.done,
    total: row.total,
    message: row.message_zh === null && row.message_en === null ? null : { 'zh-CN': row.message_zh ?? '', en: row.message_en ?? '' },
    result: row.result ?? null,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    updatedAt: iso(row.updated_at)!,
  };
}
