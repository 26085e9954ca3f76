import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { QudaoError } from '../errors/catalog.ts';
import type { RightsChecker } from '../security/principal.ts';
import { findWork, listWork, WORK_STATUSES } from '../work/work-store.ts';
import { flag, oneOf, pageLimit, single } from './query-params.ts';
import { assertRight, principalOf } from './request-context.ts';
import { isWorkId } from './work-context.ts';

export interface WorkRouteDeps {
  knex: Knex;
  /** `registry.access`, read on every request. */
  access: () => RightsChecker;
}

const workNotFound = (id: string) => new QudaoError('WORK_NOT_FOUND', [], { 'zh-CN': `没有后台任务 ${id}`, en: `No background work ${id}` });

/**
 * Long work (deploys, plugin installs, imports, letters) with its progress and outcome: each user sees what they
 * started; the right `operations` sees everyone's (`all=true`). Someone else's work answers 404, like a missing one.
 */
export function registerWorkRoutes(app: FastifyInstance, deps: WorkRouteDeps): void {
  const { knex } = deps;

  app.get<{ Querystring: { limit?: string; status?: string; all?: string } }>('/api/work', async (request) => {
    const all = flag(single('all', request.query.all));
    if (all) assertRight(request, deps.access(), 'operations');
    const data = await listWork(knex, {
      userId: all ? undefined : principalOf(request).userId,
      status: oneOf('status', request.query.status, WORK_STATUSES),
      limit: pageLimit(single('limit', request.query.limit), 20, 100),
    });
    return { data };
  });

  app.get<{ Params: { id: string } }>('/api/work/:id', async (request) => {
    const { id } = request.params;
    const principal = principalOf(request);
    const work = isWorkId(id) ? await findWork(knex, id) : undefined;
    if (!work || (work.userId !== principal.userId && !deps.access().hasRight(principal, 'operations'))) throw workNotFound(id);
    return work;
  });
}
