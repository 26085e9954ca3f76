import path from 'node:path';

export interface Config {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  host: string;
  logLevel: string;
  /** A list's total is counted exactly up to this many rows and estimated beyond. */
  exactCountLimit: number;
  /** The folder of plugin packs the API may install from by name. */
  pluginsDir: string;
  /** Plugins `npm start` installs on a fresh database. */
  bundledPlugins: string[];
  /** Whether those installs load the plugins' demo data. */
  demoData: boolean;
  /** Deliver outbox events to afterCommit hooks in this process. */
  relayOutbox: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.QUDAO_DATA_DIR ?? 'data'),
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    logLevel: env.LOG_LEVEL ?? 'info',
    exactCountLimit: Number(env.QUDAO_EXACT_COUNT_LIMIT ?? 10_000),
    pluginsDir: path.resolve(env.QUDAO_PLUGINS_DIR ?? 'plugins'),
    bundledPlugins: (env.QUDAO_PLUGINS ?? 'medical_dms').split(',').map((s) => s.trim()).filter(Boolean),
    demoData: env.QUDAO_DEMO_DATA !== 'false',
    relayOutbox: env.QUDAO_RELAY_OUTBOX !== 'false',
  };
}
