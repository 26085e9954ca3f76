/**
 * `npm run worker`: the job handlers and the outbox relay, without the HTTP server. Run as many workers as the load
 * needs beside any number of API instances (which may then leave the jobs to them: QUDAO_RELAY_OUTBOX=false). A worker
 * always relays and runs jobs, whatever QUDAO_RELAY_OUTBOX says.
 */
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { openServices } from './services.ts';
import { closeOnSignals } from './shutdown.ts';

const config = loadConfig();
const logger = createLogger(config);
if (!config.databaseUrl) {
  // PGlite is one process's database: `npm start` runs the jobs of the embedded mode itself.
  console.error('工作进程需要 DATABASE_URL（内嵌数据库的任务由 npm start 自己运行）。\nThe worker needs DATABASE_URL (in embedded mode, npm start runs the jobs itself).');
  process.exit(1);
}
const services = await openServices({ ...config, relayOutbox: true }, logger, { setsAdminPassword: false });
services.startJobs();
logger.info({ backend: services.jobs.backend, queue: config.queueName }, 'worker started');
closeOnSignals(logger, () => services.close());
