import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import pino from 'pino';
import { createApp, type App } from '../../engine/src/app.ts';
import { loadConfig } from '../../engine/src/config.ts';

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
  /** Closes the app and drops its database. */
  dispose(): Promise<void>;
}

/** The real app on its own real PostgreSQL database, silent logs. */
export async function startTestApp(options: { databaseUrl?: string } = {}): Promise<TestApp> {
  const owned = options.databaseUrl ? undefined : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? owned!.url;
  const config = { ...loadConfig({}), databaseUrl, logLevel: 'silent', relayOutbox: false };
  const app = await createApp(config, pino({ level: 'silent' }));
  return Object.assign(app, {
    databaseUrl,
    async dispose() {
      await app.close();
      await owned?.drop();
    },
  });
}

export async function deploy(app: App, documents: unknown[], extra: Record<string, unknown> = {}) {
  return app.server.inject({ method: 'POST', url: '/api/meta/deploy', payload: { documents, ...extra } });
}
