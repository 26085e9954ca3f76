import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { MetadataStore } from '../../metadata/src/store.ts';
import { demoUserMaker, ensureAdminUser, randomPassword, type DemoLogins } from './bootstrap.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/connection.ts';
import { migrateLatest } from './db/migrate.ts';
import type { DeployContext } from './deploy/deploy.ts';
import { registerAuthRoutes } from './http/auth.routes.ts';
import { registerAuthentication } from './http/authentication.ts';
import { registerJobRoutes } from './http/jobs.routes.ts';
import { registerWebhookRoutes } from './http/webhooks.routes.ts';
import { registerMetaRoutes } from './http/meta.routes.ts';
import { ENGINE_VERSION, registerPlatformRoutes } from './http/platform.routes.ts';
import { registerPluginRoutes } from './http/plugins.routes.ts';
import { registerAccessRoutes } from './http/access.routes.ts';
import { registerRecordRoutes } from './http/records.routes.ts';
import { createServer } from './http/server.ts';
import { registerUserRoutes } from './http/users.routes.ts';
import type { AfterCommitEvent } from './plugin-api.ts';
import { createJobQueue } from './jobs/create-job-queue.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { enqueueRecordChanged, processRecordChanged } from './jobs/record-changed.job.ts';
import { MetadataListener } from './metadata-listener.ts';
import { OutboxRelay } from './plugins/outbox-relay.ts';
import { PluginHost } from './plugins/plugin-host.ts';
import { PluginManager } from './plugins/plugin-manager.ts';
import { RecordService } from './records/record-service.ts';
import { Registry } from './registry.ts';
import { registerNotificationRoutes } from './http/notifications.routes.ts';
import { registerApprovalRoutes } from './http/approvals.routes.ts';
import { approvalLock } from './workflow/record-lock.ts';
import { WorkflowService } from './workflow/workflow-service.ts';
import { processWorkflowJobs } from './workflow/workflow.jobs.ts';
import { createNotifier, type Notifier } from './notifications/notify.ts';
import { webhookSigningSecret } from './webhooks/signing-secret.ts';
import { processWebhookJobs } from './webhooks/webhook.job.ts';

export interface App {
  server: FastifyInstance;
  db: Database;
  registry: Registry;
  records: RecordService;
  workflows: WorkflowService;
  plugins: PluginManager;
  relay: OutboxRelay;
  jobs: JobQueue;
  deployContext: DeployContext;
  adminId: string;
  /** Set only on the start that gave `admin` its first password (npm start prints it, once). */
  firstAdminPassword?: { password: string; generated: boolean };
  /** The demo users this process created, and their password (printed once by `npm start`). */
  demoLogins: DemoLogins;
  /** `notify(userIds, template, record)`: in-app and e-mail notifications. */
  notifier: Notifier;
  close(): Promise<void>;
}

const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'];

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: REDACT });
}

/** Opens the database, migrates, loads the metadata and the installed plugins, registers every route. Does not listen. */
export async function createApp(config: Config, logger: Logger = createLogger(config)): Promise<App> {
  const db = openDatabase(config);
  await migrateLatest(db.knex);
  const admin = await ensureAdminUser(db.knex, { password: config.adminPassword });
  const adminId = admin.id;
  const registry = new Registry(db.knex);
  const host = new PluginHost();
  const records = new RecordService(db.knex, registry, host, { exactCountLimit: config.exactCountLimit });
  records.useLock(approvalLock(registry));
  const workflows = new WorkflowService({ knex: db.knex, registry, records, adminId });
  const deployContext: DeployContext = { knex: db.knex, store: new MetadataStore(db.knex), concurrentIndexes: !db.embedded };
  const reload = async () => {
    await host.sync(await plugins.installed());
    await registry.reload();
  };
  const demoLogins: DemoLogins = { password: config.demoPassword ?? randomPassword(), generated: !config.demoPassword, created: [] };
  const plugins: PluginManager = new PluginManager({
    knex: db.knex,
    deployContext,
    records,
    engineVersion: ENGINE_VERSION,
    afterChange: reload,
    progress: (message) => logger.info(message),
    makeDemoUser: demoUserMaker(db.knex, demoLogins),
  });
  await reload();
  const listener = db.url ? new MetadataListener(db.url, reload, logger) : undefined;
  await listener?.start();
  const jobs = createJobQueue({ redisUrl: config.redisUrl, databaseUrl: db.url, name: 'qudao', log: logger }, db.knex);
  const runHooks = (event: AfterCommitEvent) => host.afterCommit(event);
  const relay = new OutboxRelay(db.knex, config.relayOutbox ? enqueueRecordChanged(jobs) : runHooks, jobs, logger);
  const webhookSecret = webhookSigningSecret(db.knex, config.webhookSecret);
  if (config.relayOutbox) {
    processRecordChanged(jobs, runHooks);
    processWebhookJobs(jobs, { knex: db.knex, secret: webhookSecret });
    processWorkflowJobs(jobs, workflows);
    relay.start();
  }

  const server = createServer(logger, { trustProxy: config.auth.trustProxy });
  const access = () => registry.access;
  await registerAuthentication(server, db.knex, config.auth);
  registerPlatformRoutes(server, db.knex, registry);
  registerAuthRoutes(server, { knex: db.knex, config: config.auth, access });
  registerUserRoutes(server, { knex: db.knex, access });
  registerJobRoutes(server, { jobs, access });
  registerWebhookRoutes(server, { knex: db.knex, access, secret: webhookSecret });
  registerMetaRoutes(server, registry, deployContext, reload);
  registerRecordRoutes(server, records, host);
  registerAccessRoutes(server, { knex: db.knex, registry, records });
  registerApprovalRoutes(server, { knex: db.knex, workflows, records, registry });
  registerPluginRoutes(server, { manager: plugins, host, records, pluginsDir: config.pluginsDir, access });
  const notifier = createNotifier({ knex: db.knex, registry, records, log: logger });
  registerNotificationRoutes(server, { knex: db.knex });
  await server.ready();

  return {
    server,
    db,
    registry,
    records,
    workflows,
    plugins,
    relay,
    jobs,
    deployContext,
    adminId,
    firstAdminPassword: admin.firstPassword,
    demoLogins,
    notifier,
    async close() {
      notifier.close();
      await server.close();
      await relay.stop();
      await jobs.close();
      await listener?.stop();
      await db.close();
    },
  };
}
