import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { listRuns, RUN_STATUSES } from '../automations/automation-runs.ts';
import type { RightsChecker } from '../security/principal.ts';
import { oneOf, pageLimit, plainText, single } from './query-params.ts';
import { requiresRight } from './request-context.ts';

export interface AutomationRouteDeps {
  knex: Knex;
  /** `registry.access`, read on every request. */
  access: () => RightsChecker;
}

type Query = Record<string, string | undefined>;

/** The operator view of automation runs, right `operations`: newest first, by automation and status (stopped, failed). */
export function registerAutomationRoutes(app: FastifyInstance, deps: AutomationRouteDeps): void {
  const operations = requiresRight(deps.access, 'operations');

  app.get<{ Querystring: Query }>('/api/admin/automations/runs', operations, async (request) => {
    const { automation, status, limit } = request.query;
    return {
      data: await listRuns(deps.knex, {
        automation: plainText('automation', automation, 48),
        status: oneOf('status', status, RUN_STATUSES),
        limit: pageLimit(single('limit', limit)),
      }),
    };
  });
}
