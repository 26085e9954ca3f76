import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { MetadataStore } from '../../metadata/src/store.ts';
import { ensureAdminUser } from './bootstrap.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/connection.ts';
import { migrateLatest } from './db/migrate.ts';
import type { DeployContext } from './deploy/deploy.ts';
import { registerMetaRoutes } from './http/meta.routes.ts';
import { registerPlatformRoutes } from './http/platform.routes.ts';
import { registerRecordRoutes } from './http/records.routes.ts';
import { createServer } from './http/server.ts';
import { MetadataListener } from './metadata-listener.ts';
import { RecordService } from './records/record-service.ts';
import { Registry } from './registry.ts';

export interface App {
  server: FastifyInstance;
  db: Database;
  registry: Registry;
  records: RecordService;
  deployContext: DeployContext;
  adminId: string;
  close(): Promise<void>;
}

const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'];

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: REDACT });
}

/** Opens the database, migrates, loads the metadata and registers every route. Does not listen. */
export async function createApp(config: Config, logger: Logger = createLogger(config)): Promise<App> {
  const db = openDatabase(config);
  await migrateLatest(db.knex);
  const adminId = await ensureAdminUser(db.knex);
  const registry = new Registry(db.knex);
  await registry.reload();
  const listener = db.url ? new MetadataListener(db.url, () => registry.reload(), logger) : undefined;
  await listener?.start();

  const records = new RecordService(db.knex, registry, { exactCountLimit: config.exactCountLimit });
  const deployContext: DeployContext = { knex: db.knex, store: new MetadataStore(db.knex), concurrentIndexes: !db.embedded };
  const server = createServer(logger);
  const actor = () => adminId;
  registerPlatformRoutes(server, db.knex, registry);
  registerMetaRoutes(server, registry, deployContext, () => registry.reload(), actor);
  registerRecordRoutes(server, records, actor);
  await server.ready();

  return {
    server,
    db,
    registry,
    records,
    deployContext,
    adminId,
    async close() {
      await server.close();
      await listener?.stop();
      await db.close();
    },
  };
}
