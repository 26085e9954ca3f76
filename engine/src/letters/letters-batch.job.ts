/**
 * A batch of letters (a tender season's 200) as a job with progress: the request queues work and a job, the job
 * issues one letter per record as the user who asked, reporting each. Delivery is at least once: the batch id (the
 * work's) makes a rerun find the letters it made instead of issuing them again.
 */
import type { Knex } from 'knex';
import type { Label } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { JobContext, JobQueue } from '../jobs/job-queue.ts';
import type { Principal } from '../security/principal.ts';
import { findUser, principalFromRow } from '../security/user-store.ts';
import { errorMessage, resumeWork, startWork, type WorkHandle } from '../work/work.ts';
import type { BatchRequest } from './letter-request.ts';
import { issueLetter, type LetterDeps } from './letter-service.ts';

export const LETTERS_BATCH = 'letters.batch';
const ATTEMPTS = 3;

export interface LettersBatchJob {
  workId: string;
  userId: string;
  request: BatchRequest;
  baseUrl: string;
}

/** A record the batch could not issue for (out of reach, no validity date…), with why. */
export interface BatchFailure {
  recordId: string;
  code: string;
  message: Label;
}

export async function queueLetterBatch(
  deps: { knex: Knex; jobs: JobQueue },
  batch: { workId: string; principal: Principal; request: BatchRequest; baseUrl: URL },
): Promise<void> {
  const total = batch.request.recordIds.length;
  const label = { 'zh-CN': `批量生成授权书（${total} 份）`, en: `Issue ${total} letters` };
  await startWork(deps.knex, { id: batch.workId, kind: 'letters', label, userId: batch.principal.userId, total, queued: true });
  const data: LettersBatchJob = { workId: batch.workId, userId: batch.principal.userId, request: batch.request, baseUrl: batch.baseUrl.href };
  await deps.jobs.add(LETTERS_BATCH, data, { jobId: `letters-${batch.workId}`, attempts: ATTEMPTS, backoff: { type: 'exponential', delay: 1000 } });
}

export function processLetterBatchJobs(jobs: JobQueue, deps: LetterDeps): void {
  jobs.process<LettersBatchJob>(LETTERS_BATCH, (data, job) => runLetterBatch(deps, data, job));
}

export async function runLetterBatch(deps: LetterDeps, data: LettersBatchJob, job: JobContext): Promise<void> {
  const work = await resumeWork(deps.knex, data.workId);
  if (!work) return;
  try {
    const principal = await activePrincipalOrThrow(deps.knex, data.userId);
    const failures = await issueAll(deps, data, principal, work);
    const issued = data.request.recordIds.length - failures.length;
    await work.succeed({ issued, failures }, {
      'zh-CN': `已生成 ${issued} 份，失败 ${failures.length} 份`, en: `${issued} issued, ${failures.length} failed`,
    });
  } catch (error) {
    if (job.attempt >= (job.maxAttempts ?? ATTEMPTS)) await work.fail(errorMessage(error));
    throw error;
  }
}

async function issueAll(deps: LetterDeps, data: LettersBatchJob, principal: Principal, work: WorkHandle): Promise<BatchFailure[]> {
  const failures: BatchFailure[] = [];
  const baseUrl = new URL(data.baseUrl);
  const { recordIds, ...spec } = data.request;
  for (const [i, recordId] of recordIds.entries()) {
    try {
      await issueLetter(deps, { ...spec, recordId }, { principal }, { baseUrl, batchId: data.workId });
    } catch (error) {
      // A refusal is this record's outcome; anything else (the database went away) fails the run, whose retry resumes.
      if (!(error instanceof QudaoError)) throw error;
      failures.push({ recordId, code: error.code, message: errorMessage(error) });
    }
    work.progress(i + 1);
  }
  return failures;
}

async function activePrincipalOrThrow(knex: Knex, userId: string): Promise<Principal> {
  const user = await findUser(knex, { id: userId });
  if (!user?.active) throw new QudaoError('FORBIDDEN', [], { 'zh-CN': '发起批量的用户已停用', en: 'The user who started the batch is deactivated' });
  return principalFromRow(user);
}
