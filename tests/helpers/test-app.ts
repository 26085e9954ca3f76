import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import pino from 'pino';
import type { InjectOptions } from 'fastify';
import { createApp, type App } from '../../engine/src/app.ts';
import { loadConfig, type Config } from '../../engine/src/config.ts';
import { createApiToken } from '../../engine/src/security/api-tokens.ts';

export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh PostgreSQL database of its own for one test file; dropped by the returned function. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `qd_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: ADMIN_DATABASE_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

export interface TestApp extends App {
  databaseUrl: string;
  /** The admin user's API token, which `server.inject` sends unless a call brings its own credentials. */
  adminToken: string;
  /** Closes the app and drops its database. */
  dispose(): Promise<void>;
}

/**
 * The real app on its own real PostgreSQL database, silent logs; `server.inject` acts as the admin user. With
 * `redisUrl`, its jobs run on BullMQ over that Redis, in a queue of its own.
 */
export async function startTestApp(
  options: { databaseUrl?: string; auth?: Partial<Config['auth']>; relayOutbox?: boolean; redisUrl?: string } = {},
): Promise<TestApp> {
  const owned = options.databaseUrl ? undefined : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? owned!.url;
  const defaults = loadConfig({});
  const config = {
    ...defaults, databaseUrl, logLevel: 'silent', relayOutbox: options.relayOutbox ?? false, auth: { ...defaults.auth, ...options.auth },
    ...(options.redisUrl ? { redisUrl: options.redisUrl, queueName: `test_${randomBytes(4).toString('hex')}` } : {}),
  };
  const app = await createApp(config, pino({ level: 'silent' }));
  const adminToken = await actAsAdmin(app);
  return Object.assign(app, {
    databaseUrl,
    adminToken,
    async dispose() {
      await app.close();
      await owned?.drop();
    },
  });
}

/**
 * Gives the admin user an API token and makes `app.server.inject` send it (`authorization: Bearer …`) unless a
 * call passes its own `authorization`, `cookie` or `cookies`. Returns the token, for requests over a real port.
 */
export async function actAsAdmin(app: App): Promise<string> {
  const { token } = await createApiToken(app.db.knex, app.adminId, 'tests', null);
  const inject = app.server.inject.bind(app.server) as (...args: unknown[]) => unknown;
  app.server.inject = ((options?: string | InjectOptions, callback?: unknown) => {
    if (options === undefined) return inject();
    const given = typeof options === 'string' ? { url: options } : options;
    const headers = (given.headers ?? {}) as Record<string, unknown>;
    const named = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);
    const own = named('authorization') || named('cookie') || given.cookies !== undefined;
    const call = own ? given : { ...given, headers: { ...headers, authorization: `Bearer ${token}` } };
    return callback ? inject(call, callback) : inject(call);
  }) as typeof app.server.inject;
  return token;
}

export const TEST_PASSWORD = 'Correct-horse-42';

export interface TestUserSpec {
  username: string;
  displayName?: string;
  kind?: 'internal' | 'portal';
  role?: string | null;
  permissionSets?: string[];
  accountId?: string;
  managerId?: string;
  email?: string;
  /** TEST_PASSWORD unless given. */
  password?: string;
}

/** Creates a user through the users API (as the admin) and gives it an API token. */
export async function createUser(app: App, spec: TestUserSpec): Promise<{ id: string; token: string }> {
  const res = await app.server.inject({
    method: 'POST',
    url: '/api/users',
    payload: { displayName: spec.username, kind: 'internal', password: TEST_PASSWORD, ...spec },
  });
  if (res.statusCode !== 201) throw new Error(`creating ${spec.username}: ${res.statusCode} ${res.body}`);
  const { id } = res.json() as { id: string };
  const { token } = await createApiToken(app.db.knex, id, 'tests', null);
  return { id, token };
}

/** Logs in through the API; the cookie header to send and the CSRF token. */
export async function loginAs(
  app: App,
  username: string,
  password = TEST_PASSWORD,
  options: { remoteAddress?: string } = {},
): Promise<{ cookie: string; csrfToken: string }> {
  const res = await app.server.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
  if (res.statusCode !== 200) throw new Error(`login of ${username}: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'qd_session');
  if (!session) throw new Error(`login of ${username} set no session cookie`);
  return { cookie: `qd_session=${session.value}`, csrfToken: (res.json() as { csrfToken: string }).csrfToken };
}

export async function deploy(app: App, documents: unknown[], extra: Record<string, unknown> = {}) {
  return app.server.inject({ method: 'POST', url: '/api/meta/deploy', payload: { documents, ...extra } });
}
