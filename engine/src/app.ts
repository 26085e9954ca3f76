import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { createLogger } from './logger.ts';
import { registerAuthRoutes } from './http/auth.routes.ts';
import { registerAuthentication } from './http/authentication.ts';
import { registerAutomationRoutes } from './http/automations.routes.ts';
import { registerJobRoutes } from './http/jobs.routes.ts';
import { registerJobsPage } from './http/jobs-page.routes.ts';
import { registerWebhookRoutes } from './http/webhooks.routes.ts';
import { registerMetaRoutes } from './http/meta.routes.ts';
import { registerRuleTrialRoutes } from './http/rule-trial.routes.ts';
import { registerPlatformRoutes } from './http/platform.routes.ts';
import { registerWebApp } from './http/web-app.routes.ts';
import { registerPluginRoutes } from './http/plugins.routes.ts';
import { registerAccessRoutes } from './http/access.routes.ts';
import { registerRecordRoutes } from './http/records.routes.ts';
import { createServer } from './http/server.ts';
import { registerUserRoutes } from './http/users.routes.ts';
import { registerNotificationRoutes } from './http/notifications.routes.ts';
import { registerApprovalRoutes } from './http/approvals.routes.ts';
import { registerFileRoutes } from './http/files.routes.ts';
import { registerWorkRoutes } from './http/work.routes.ts';
import { registerLetterRoutes } from './http/letters.routes.ts';
import { registerVerifyRoutes } from './http/verify.routes.ts';
import { publicBaseUrl } from './http/public-base-url.ts';
import { registerUiRoutes } from './http/ui.routes.ts';
import { openServices, type Services } from './services.ts';

export interface App extends Services {
  server: FastifyInstance;
}

export { createLogger };

/** Opens the engine's services (services.ts), runs jobs here when QUDAO_RELAY_OUTBOX says so, registers every route. Does not listen. */
export async function createApp(config: Config, logger: Logger = createLogger(config)): Promise<App> {
  const services = await openServices(config, logger, { setsAdminPassword: true });
  if (config.relayOutbox) services.startJobs();
  const server = await createHttpServer(config, logger, services);
  return {
    ...services,
    server,
    async close() {
      await server.close();
      await services.close();
    },
  };
}

async function createHttpServer(config: Config, logger: Logger, services: Services): Promise<FastifyInstance> {
  const { db, registry, records, workflows, plugins, host, jobs, deployContext, reload, webhookSecret, letters } = services;
  const server = createServer(logger, { trustProxy: config.auth.trustProxy });
  const access = () => registry.access;
  await registerAuthentication(server, db.knex, config.auth);
  registerPlatformRoutes(server, db.knex, registry, host);
  registerAuthRoutes(server, { knex: db.knex, config: config.auth, access });
  registerUserRoutes(server, { knex: db.knex, access });
  registerJobRoutes(server, { jobs, access });
  registerJobsPage(server);
  registerWebhookRoutes(server, { knex: db.knex, access, secret: webhookSecret });
  registerAutomationRoutes(server, { knex: db.knex, access });
  registerMetaRoutes(server, registry, deployContext, reload, () => plugins.list());
  registerRuleTrialRoutes(server, { registry, records, deployContext });
  registerRecordRoutes(server, records, { knex: db.knex, records, host, adminId: services.adminId });
  registerAccessRoutes(server, { knex: db.knex, registry, records });
  registerApprovalRoutes(server, { knex: db.knex, workflows, records, registry });
  registerPluginRoutes(server, { manager: plugins, host, records, pluginsDir: config.pluginsDir, access, knex: db.knex });
  registerNotificationRoutes(server, { knex: db.knex });
  registerFileRoutes(server, { knex: db.knex, records, registry, maxFileMb: config.maxFileMb });
  registerWorkRoutes(server, { knex: db.knex, access });
  registerLetterRoutes(server, { ...letters, jobs, baseUrl: publicBaseUrl(config.publicUrl) });
  registerVerifyRoutes(server, { knex: db.knex, perMinute: config.auth.verifyPerMinute });
  registerUiRoutes(server, { knex: db.knex, registry, records, host, plugins: () => plugins.list() });
  await registerWebApp(server);
  await server.ready();
  return server;
}
