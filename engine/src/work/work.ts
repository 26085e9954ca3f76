import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { ERROR_CATALOG, QudaoError } from '../errors/catalog.ts';
import type { Label, Locale } from '../../../metadata/src/types.ts';
import { throttledWriter } from './throttle.ts';
import { findWork, insertWork, updateWork, WorkIdTakenError } from './work-store.ts';

/** How far work got: `done` of `total` (unknown: null; left out: unchanged), and what it is doing now. Never waits. */
export type WorkReport = (done: number, total?: number | null, message?: Label) => void;

export interface WorkSpec {
  /** A client-chosen id (the web app polls it while its request runs); a new UUIDv7 when absent. */
  id?: string;
  kind: string;
  label: Label;
  /** Who started it: who may read it (besides the operations right). */
  userId: string | null;
  total?: number | null;
  /** Queued for a job that resumes it (`resumeWork`); else running from now. */
  queued?: boolean;
}

export interface WorkHandle {
  readonly id: string;
  progress: WorkReport;
  succeed(result?: unknown, message?: Label): Promise<void>;
  fail(message: Label | string): Promise<void>;
}

export interface WorkOptions {
  /** A progress write that failed (the work itself goes on); in runAsWork, the outcome's write too. */
  onError?: (error: unknown) => void;
  intervalMs?: number;
}

/** At most one progress UPDATE per this many ms; the outcome is written at once. */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * Records new work and answers its handle. Every write goes through `knex`, the base connection and never a caller's
 * transaction: progress shows while a long transaction is still open, and a rollback keeps the "failed" row.
 * Throws WORK_ID_TAKEN (409) when the id is taken.
 */
export async function startWork(knex: Knex, spec: WorkSpec, options: WorkOptions = {}): Promise<WorkHandle> {
  const id = spec.id ?? uuidv7();
  const total = spec.total ?? null;
  try {
    await insertWork(knex, { id, kind: spec.kind, label: spec.label, userId: spec.userId, status: spec.queued ? 'queued' : 'running', total });
  } catch (error) {
    if (!(error instanceof WorkIdTakenError)) throw error;
    throw new QudaoError('WORK_ID_TAKEN', [], { 'zh-CN': `任务编号 ${id} 已被使用`, en: `The work id ${id} is already in use` });
  }
  return workHandle(knex, id, { done: 0, total, message: null }, options);
}

/** The handle of queued or running work, for the job that carries it on; undefined when it is unknown or finished. */
export async function resumeWork(knex: Knex, id: string, options: WorkOptions = {}): Promise<WorkHandle | undefined> {
  const work = await findWork(knex, id);
  if (!work || work.status === 'succeeded' || work.status === 'failed') return undefined;
  return workHandle(knex, id, { done: work.done, total: work.total, message: work.message }, options);
}

/**
 * Runs `fn` as work: its reports become progress, its value the success, a throw the failure (with the error's
 * message) and is rethrown. `outcome` says what of the value to keep (counts, a link) and the closing message.
 */
export async function runAsWork<T>(
  knex: Knex,
  spec: WorkSpec,
  fn: (report: WorkReport) => Promise<T>,
  options: WorkOptions & { outcome?: (value: T) => { result?: unknown; message?: Label } } = {},
): Promise<T> {
  const work = await startWork(knex, spec, options);
  // The work is done (or failed) whatever happens to its bookkeeping: a failed outcome write is reported, not thrown.
  const unsaved = options.onError ?? (() => undefined);
  let value: T;
  try {
    value = await fn(work.progress);
  } catch (error) {
    await work.fail(errorMessage(error)).catch(unsaved);
    throw error;
  }
  const outcome = options.outcome?.(value) ?? {};
  await work.succeed(outcome.result, outcome.message).catch(unsaved);
  return value;
}

/** What made work fail, in both languages; an unexpected error shows no internals (like a 500), its log says more. */
export function errorMessage(error: unknown): Label {
  if (!(error instanceof QudaoError)) return ERROR_CATALOG.INTERNAL.title;
  const describe = (locale: Locale) =>
    error.errors.map((e) => `${e.field}: ${e.message[locale]}`).join('; ') || error.detail?.[locale] || ERROR_CATALOG[error.code].title[locale];
  return { 'zh-CN': describe('zh-CN'), en: describe('en') };
}

interface Progress {
  done: number;
  total: number | null;
  message: Label | null;
}

function workHandle(knex: Knex, id: string, initial: Progress, options: WorkOptions): WorkHandle {
  const state: Progress = { ...initial };
  let finished = false;
  const writer = throttledWriter<Progress>({
    intervalMs: options.intervalMs ?? PROGRESS_INTERVAL_MS,
    write: (progress) => updateWork(knex, id, { status: 'running', ...progress }),
    onError: options.onError ?? (() => undefined),
  });
  const finish = async (change: Parameters<typeof updateWork>[2]) => {
    if (finished) return;
    finished = true;
    await writer.settle();
    await updateWork(knex, id, change);
  };
  return {
    id,
    progress(done, total, message) {
      if (finished) return;
      state.done = done;
      if (total !== undefined) state.total = total;
      if (message) state.message = message;
      writer.push({ ...state });
    },
    // A success is complete: done reaches the total.
    succeed: (result, message) =>
      finish({ status: 'succeeded', done: state.total ?? state.done, total: state.total, message: message ?? state.message, result }),
    fail: (message) => finish({ status: 'failed', message: typeof message === 'string' ? { 'zh-CN': message, en: message } : message }),
  };
}
