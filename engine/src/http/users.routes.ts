import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { ACCESS_EVENTS, listAccessEvents, type AccessEvent } from '../security/access-audit.ts';
import type { RightsChecker } from '../security/principal.ts';
import { changeUserOrThrow, createUserOrThrow, findUserOrThrow, resetPasswordOrThrow, type UserAccess } from '../security/user-admin.ts';
import { listUsers, usernameFromCursor, userView, type UserKind } from '../security/user-store.ts';
import { badParam, oneOf, pageLimit, parseIfMatch, plainText } from './query-params.ts';
import { auditSource, requiresRight } from './request-context.ts';

export interface UserRouteDeps {
  knex: Knex;
  /** `registry.access`, read on every request. */
  access: () => RightsChecker & UserAccess;
}

type Query = Record<string, string | undefined>;
type IdParams = { id: string };

const badCursor = (): never => {
  throw badParam('cursor', 'cursor 无效', 'The cursor is not valid');
};

/** The users admin API and the access audit: right `users`, right `audit`. */
export function registerUserRoutes(app: FastifyInstance, deps: UserRouteDeps): void {
  const { knex } = deps;
  const usersRight = requiresRight(deps.access, 'users');

  app.get<{ Querystring: Query }>('/api/users', usersRight, async (request) => {
    const { kind, active, role, limit, cursor } = request.query;
    const activeFlag = oneOf('active', active, ['true', 'false'] as const);
    return listUsers(knex, {
      kind: oneOf<UserKind>('kind', kind, ['internal', 'portal']),
      active: activeFlag === undefined ? undefined : activeFlag === 'true',
      role: plainText('role', role),
      limit: pageLimit(limit),
      after: cursor ? usernameFromCursor(cursor) ?? badCursor() : undefined,
    });
  });

  app.get<{ Params: IdParams }>('/api/users/:id', usersRight, async (request) => userView(await findUserOrThrow(knex, request.params.id)));

  app.post('/api/users', usersRight, async (request, reply) => {
    const user = await createUserOrThrow(deps, request.body, auditSource(request));
    return reply.status(201).header('location', `/api/users/${user.id}`).send(user);
  });

  app.patch<{ Params: IdParams }>('/api/users/:id', usersRight, async (request) =>
    changeUserOrThrow(deps, request.params.id, request.body, parseIfMatch(request.headers['if-match']), auditSource(request)),
  );

  app.post<{ Params: IdParams }>('/api/users/:id/password', usersRight, async (request, reply) => {
    await resetPasswordOrThrow(deps, request.params.id, request.body, auditSource(request));
    return reply.status(204).send();
  });

  app.get<{ Querystring: Query }>('/api/access/audit', requiresRight(deps.access, 'audit'), async (request) => {
    const { event, user, limit, cursor } = request.query;
    if (cursor && !/^\d{1,18}$/.test(cursor)) badCursor();
    return listAccessEvents(knex, {
      event: oneOf<AccessEvent>('event', event, ACCESS_EVENTS),
      user: plainText('user', user),
      limit: pageLimit(limit),
      cursor: cursor || undefined,
    });
  });
}
