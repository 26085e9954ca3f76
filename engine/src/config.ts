import path from 'node:path';

export interface Config {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  host: string;
  logLevel: string;
  /** A list's total is counted exactly up to this many rows and estimated beyond. */
  exactCountLimit: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.QUDAO_DATA_DIR ?? 'data'),
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    logLevel: env.LOG_LEVEL ?? 'info',
    exactCountLimit: Number(env.QUDAO_EXACT_COUNT_LIMIT ?? 10_000),
  };
}
