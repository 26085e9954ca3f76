import path from 'node:path';

/** Sessions, lockout and rate limits (README "Security"). */
export interface AuthConfig {
  /** A session's absolute lifetime, from login. */
  sessionMs: number;
  /** Consecutive failed logins that lock an account ... */
  lockoutAfter: number;
  /** ... for this long. */
  lockoutMs: number;
  /** Logins per minute per client address. */
  loginPerMinute: number;
  /** Requests per minute per client address that carry no valid credential (public routes, refused ones). */
  unauthenticatedPerMinute: number;
  /** Public letter checks (`/verify/…`) per minute per client address, valid codes or not. */
  verifyPerMinute: number;
  /** Behind a proxy or load balancer: take the client address and https from X-Forwarded-* headers. */
  trustProxy: boolean;
}

export interface Config {
  databaseUrl?: string;
  /** BullMQ on this Redis; without it BullMQ uses its PostgreSQL backend (or, embedded, the in-process runner). */
  redisUrl?: string;
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
  /** Relay outbox events to the job queue, and run jobs, in this process (else `relay.drain()` runs hooks directly). */
  relayOutbox: boolean;
  /** The job queue's name: installations that share one Redis (or one database's BullMQ schema) need different ones. */
  queueName: string;
  /** How long a job's lock holds without renewal: a crashed worker's jobs are taken over after this, and before twice it. */
  jobStalledMs: number;
  /** The `admin` user's password on a fresh database (else a random one, printed once). */
  adminPassword?: string;
  /** The password of the demo users; random (and printed once) when unset. */
  demoPassword?: string;
  /** The secret outgoing webhooks are signed with; unset, one random secret is generated and kept in the database. */
  webhookSecret?: string;
  /** The installation's secret, the keys that seal data at rest are derived from; unset, one is generated and kept in the database. */
  secret?: string;
  /** The largest file an upload may bring, in MB. */
  maxFileMb: number;
  /** The address people reach this installation at (QR codes on letters, links in e-mails); else the request's own. */
  publicUrl?: string;
  auth: AuthConfig;
}

const number = (value: string | undefined, fallback: number) => (value === undefined || value === '' ? fallback : Number(value));

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    dataDir: path.resolve(env.QUDAO_DATA_DIR ?? 'data'),
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    logLevel: env.LOG_LEVEL ?? 'info',
    exactCountLimit: Number(env.QUDAO_EXACT_COUNT_LIMIT ?? 10_000),
    pluginsDir: path.resolve(env.QUDAO_PLUGINS_DIR ?? 'plugins'),
    bundledPlugins: (env.QUDAO_PLUGINS ?? 'medical_dms').split(',').map((s) => s.trim()).filter(Boolean),
    demoData: env.QUDAO_DEMO_DATA !== 'false',
    relayOutbox: env.QUDAO_RELAY_OUTBOX !== 'false',
    queueName: env.QUDAO_QUEUE_NAME || 'qudao',
    jobStalledMs: number(env.QUDAO_JOB_STALLED_MS, 30_000),
    adminPassword: env.QUDAO_ADMIN_PASSWORD || undefined,
    demoPassword: env.QUDAO_DEMO_PASSWORD || undefined,
    webhookSecret: env.QUDAO_WEBHOOK_SECRET || undefined,
    secret: env.QUDAO_SECRET || undefined,
    maxFileMb: number(env.QUDAO_MAX_FILE_MB, 20),
    publicUrl: env.QUDAO_PUBLIC_URL || undefined,
    auth: {
      sessionMs: number(env.QUDAO_SESSION_HOURS, 12) * 3_600_000,
      lockoutAfter: 5,
      lockoutMs: number(env.QUDAO_LOCKOUT_MINUTES, 15) * 60_000,
      loginPerMinute: number(env.QUDAO_LOGIN_RATE_LIMIT, 20),
      unauthenticatedPerMinute: number(env.QUDAO_PUBLIC_RATE_LIMIT, 300),
      verifyPerMinute: number(env.QUDAO_VERIFY_RATE_LIMIT, 30),
      trustProxy: env.QUDAO_TRUST_PROXY === 'true',
    },
  };
}
