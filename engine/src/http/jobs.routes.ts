import type { FastifyInstance } from 'fastify';
import { QudaoError } from '../errors/catalog.ts';
import { JobNotFailedError, type JobQueue } from '../jobs/job-queue.ts';
import type { RightsChecker } from '../security/principal.ts';
import { pageLimit } from './query-params.ts';
import { requiresRight } from './request-context.ts';

export interface JobRouteDeps {
  jobs: JobQueue;
  /** `registry.access`, read on every request. */
  access: () => RightsChecker;
}

/**
 * The operator view of the job queue, right `operations`: the counts per state, the dead-letter list and a retry.
 * The dead-letter list leaves out each job's data (it may carry record values); the id, name and error say enough.
 */
export function registerJobRoutes(app: FastifyInstance, deps: JobRouteDeps): void {
  const { jobs } = deps;
  const operations = requiresRight(deps.access, 'operations');

  app.get('/api/admin/jobs', operations, async () => ({ backend: jobs.backend, counts: await jobs.counts() }));

  app.get<{ Querystring: { limit?: string } }>('/api/admin/jobs/failed', operations, async (request) => {
    const failed = await jobs.failed(pageLimit(request.query.limit));
    return {
      items: failed.map((job) => ({
        id: job.id,
        name: job.name,
        attempts: job.attempts,
        error: job.error,
        failedAt: job.failedAt ? new Date(job.failedAt).toISOString() : null,
      })),
    };
  });

  app.post<{ Params: { id: string } }>('/api/admin/jobs/:id/retry', operations, async (request, reply) => {
    const { id } = request.params;
    try {
      await jobs.retry(id);
    } catch (error) {
      if (error instanceof JobNotFailedError) {
        throw new QudaoError('JOB_NOT_FOUND', [], { 'zh-CN': `没有失败的任务 ${id}`, en: `No failed job ${id}` });
      }
      throw error;
    }
    return reply.status(202).send({ id, status: 'waiting' });
  });
}
