import type { Logger } from 'pino';
import { MetadataStore } from '../../metadata/src/store.ts';
import { AutomationRunner } from './automations/automation-runner.ts';
import { syncAutomationSchedules } from './automations/automation-schedules.ts';
import { demoUserMaker, ensureAdminRow, ensureAdminUser, randomPassword, type BootstrapAdmin, type DemoLogins } from './bootstrap.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/connection.ts';
import { migrateLatest } from './db/migrate.ts';
import type { DeployContext } from './deploy/deploy.ts';
import { ENGINE_VERSION } from './http/platform.routes.ts';
import { registerJobHandlers } from './job-handlers.ts';
import { boundedAdd } from './jobs/bounded-add.ts';
import { createJobQueue } from './jobs/create-job-queue.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { enqueueRecordChanged } from './jobs/record-changed.job.ts';
import { letterCodeKey } from './letters/letter-code-seal.ts';
import type { LetterDeps } from './letters/letter-service.ts';
import { MetadataListener } from './metadata-listener.ts';
import { createNotifier, type Notifier } from './notifications/notify.ts';
import type { AfterCommitEvent } from './plugin-api.ts';
import { OutboxRelay } from './plugins/outbox-relay.ts';
import { PluginHost } from './plugins/plugin-host.ts';
import { PluginManager } from './plugins/plugin-manager.ts';
import { RecordService } from './records/record-service.ts';
import { Registry } from './registry.ts';
import { configuredOrStoredSecret } from './security/installation-secret.ts';
import { webhookSigningSecret, type SigningSecretSource } from './webhooks/signing-secret.ts';
import { approvalLock } from './workflow/record-lock.ts';
import { WorkflowService } from './workflow/workflow-service.ts';

/** The engine without its HTTP server: what the API process and a worker process both run. */
export interface Services {
  db: Database;
  registry: Registry;
  host: PluginHost;
  records: RecordService;
  workflows: WorkflowService;
  automations: AutomationRunner;
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
  webhookSecret: SigningSecretSource;
  /** What issuing, revoking and reading letters need. */
  letters: LetterDeps;
  /** Reloads the installed plugins and the metadata registry (after a deploy or an install). */
  reload(): Promise<void>;
  /** Registers every job handler and starts relaying the outbox to the job queue. */
  startJobs(): void;
  close(): Promise<void>;
}

/** How long the outbox relay waits for the job queue to take an event before it counts the queue as unreachable. */
const HAND_OVER_TIMEOUT_MS = 5000;

export interface ServicesOptions {
  /** Give `admin` its first password (the API does, and prints it); a worker only needs the user to exist. */
  setsAdminPassword: boolean;
}

/** Opens the database, migrates, loads the metadata and the installed plugins, and opens the job queue. */
export async function openServices(config: Config, logger: Logger, options: ServicesOptions): Promise<Services> {
  const db = openDatabase(config);
  await migrateLatest(db.knex);
  const admin: BootstrapAdmin = options.setsAdminPassword ? await ensureAdminUser(db.knex, { password: config.adminPassword }) : await ensureAdminRow(db.knex);
  const registry = new Registry(db.knex);
  const host = new PluginHost({ knex: db.knex, registry });
  const records = new RecordService(db.knex, registry, host, { exactCountLimit: config.exactCountLimit });
  records.useLock(approvalLock(registry));
  const workflows = new WorkflowService({ knex: db.knex, registry, records, adminId: admin.id });
  const automations = new AutomationRunner({
    knex: db.knex, registry, records, adminId: admin.id, startWorkflow: (trx, start) => workflows.startInTransaction(trx, start),
  });
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
  const jobs = createJobQueue({ redisUrl: config.redisUrl, databaseUrl: db.url, name: config.queueName, stalledMs: config.jobStalledMs, log: logger }, db.knex);
  const runHooks = (event: AfterCommitEvent) => host.afterCommit(event);
  const handOver = boundedAdd(jobs, HAND_OVER_TIMEOUT_MS);
  const relay = new OutboxRelay(db.knex, config.relayOutbox ? enqueueRecordChanged(handOver) : runHooks, handOver, logger);
  const webhookSecret = webhookSigningSecret(db.knex, config.webhookSecret);
  const notifier = createNotifier({ knex: db.knex, registry, records, log: logger });
  const letters: LetterDeps = { knex: db.knex, registry, records, codeKey: letterCodeKey(configuredOrStoredSecret(db.knex, 'qd_installation_secret', config.secret)) };

  return {
    db, registry, host, records, workflows, automations, plugins, relay, jobs, deployContext, notifier, webhookSecret, letters, reload, demoLogins,
    adminId: admin.id,
    firstAdminPassword: admin.firstPassword,
    startJobs() {
      registerJobHandlers(jobs, { knex: db.knex, host, workflows, notifier, webhookSecret, automations, letters });
      const syncSchedules = () => syncAutomationSchedules(jobs, registry.documents())
        .catch((err) => logger.error({ err }, 'automation schedules could not be synced; the next reload tries again'));
      registry.onReload(syncSchedules);
      void syncSchedules();
      relay.start();
    },
    async close() {
      notifier.close();
      await relay.stop();
      await jobs.close();
      await listener?.stop();
      await db.close();
    },
  };
}
