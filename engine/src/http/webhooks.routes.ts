import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { RightsChecker } from '../security/principal.ts';
import {
  DELIVERY_STATUSES, deliveryWithAttemptsOrThrow, isDeliveryId, listDeliveries, redeliverOrThrow,
} from '../webhooks/deliveries.ts';
import type { SigningSecretSource } from '../webhooks/signing-secret.ts';
import { badParam, oneOf, pageLimit, single } from './query-params.ts';
import { requiresRight } from './request-context.ts';

export interface WebhookRouteDeps {
  knex: Knex;
  /** `registry.access`, read on every request. */
  access: () => RightsChecker;
  secret: SigningSecretSource;
}

type Query = Record<string, string | undefined>;

/**
 * The operator view of outgoing webhooks, right `operations`: the deliveries newest first, one with its attempts, a
 * redelivery of a failed one, and the signing secret receivers verify with.
 */
export function registerWebhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): void {
  const { knex } = deps;
  const operations = requiresRight(deps.access, 'operations');

  app.get<{ Querystring: Query }>('/api/admin/webhooks/deliveries', operations, async (request) => {
    const { status, limit, cursor } = request.query;
    return listDeliveries(knex, {
      status: oneOf('status', status, DELIVERY_STATUSES),
      limit: pageLimit(single('limit', limit)),
      cursor: deliveryCursor(single('cursor', cursor)),
    });
  });

  app.get<{ Params: { id: string } }>('/api/admin/webhooks/deliveries/:id', operations, async (request) =>
    deliveryWithAttemptsOrThrow(knex, request.params.id));

  app.post<{ Params: { id: string } }>('/api/admin/webhooks/deliveries/:id/redeliver', operations, async (request, reply) =>
    reply.status(202).send(await redeliverOrThrow(knex, request.params.id)));

  app.get('/api/admin/webhooks/secret', operations, async (_request, reply) => {
    const { value, source } = await deps.secret();
    return reply.header('cache-control', 'no-store').send({ secret: value, source });
  });
}

function deliveryCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  if (!isDeliveryId(cursor)) throw badParam('cursor', 'cursor 无效', 'The cursor is not valid');
  return cursor;
}
