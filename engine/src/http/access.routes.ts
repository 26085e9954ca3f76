import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { RecordService } from '../records/record-service.ts';
import type { Registry } from '../registry.ts';
import { explainAccess } from '../security/explain-access.ts';
import { findUserOrThrow } from '../security/user-admin.ts';
import { findUser, principalFromRow, userView } from '../security/user-store.ts';
import { badParam, plainText } from './query-params.ts';
import { requiresRight } from './request-context.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Explain access" (right `users`): whether a user may read and edit an object's records, or one record, and which
 * role, permission set, sharing rule or dealer link says so — from the conditions the user's queries run with.
 */
export function registerAccessRoutes(app: FastifyInstance, deps: { knex: Knex; registry: Registry; records: RecordService }): void {
  const { knex, registry, records } = deps;
  app.get<{ Querystring: Record<string, string | undefined> }>('/api/access/explain', requiresRight(() => registry.access, 'users'), async (request) => {
    const user = plainText('user', request.query.user);
    const objectName = plainText('object', request.query.object);
    const { id } = request.query;
    if (!user) throw badParam('user', '需要 user（用户 id 或用户名）', 'user (a user id or name) is required');
    if (!objectName) throw badParam('object', '需要 object（对象名）', 'object (an object name) is required');
    if (id !== undefined && !UUID.test(id)) throw badParam('id', 'id 须是记录的 UUID', 'id must be a record UUID');
    const row = UUID.test(user) ? await findUserOrThrow(knex, user) : await findUser(knex, { username: user }) ?? await findUserOrThrow(knex, user);
    const object = registry.objectOrThrow(objectName);
    const explanation = await explainAccess(knex, records.scope({ principal: principalFromRow(row) }), object, id);
    return { user: userView(row), ...explanation };
  });
}
