import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { listNotifications, markRead } from '../notifications/inbox.ts';
import { oneOf, pageLimit } from './query-params.ts';
import { principalOf } from './request-context.ts';

type Query = Record<string, string | undefined>;

/** The caller's own in-app notifications; anyone signed in, nobody else's. */
export function registerNotificationRoutes(app: FastifyInstance, deps: { knex: Knex }): void {
  app.get<{ Querystring: Query }>('/api/notifications', async (request) => {
    const { unread, limit, cursor } = request.query;
    return listNotifications(deps.knex, principalOf(request).userId, {
      unreadOnly: oneOf('unread', unread, ['true', 'false'] as const) === 'true',
      limit: pageLimit(limit),
      cursor: cursor || undefined,
    });
  });

  app.post<{ Params: { id: string } }>('/api/notifications/:id/read', async (request) =>
    markRead(deps.knex, principalOf(request).userId, request.params.id));
}
