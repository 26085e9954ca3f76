import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { createPostgresJobQueue, createRedisJobQueue } from './bullmq-queue.ts';
import { InProcessJobQueue } from './in-process-queue.ts';
import type { JobQueue } from './job-queue.ts';

export interface JobQueueConfig {
  redisUrl?: string;
  databaseUrl?: string;
  /** The queue name (and Redis key prefix / PostgreSQL schema of BullMQ). */
  name: string;
  /** BullMQ's lock duration and stalled-job check interval (see BullQueueOptions). */
  stalledMs?: number;
  log?: Logger;
}

/** REDIS_URL → BullMQ on Redis; else DATABASE_URL → BullMQ on PostgreSQL; else (embedded) the in-process runner. */
export function createJobQueue(config: JobQueueConfig, knex: Knex): JobQueue {
  const options = { name: config.name, stalledMs: config.stalledMs, log: config.log };
  if (config.redisUrl) return createRedisJobQueue(config.redisUrl, { ...options, prefix: 'qudao' });
  if (config.databaseUrl) return createPostgresJobQueue(config.databaseUrl, { ...options, schema: 'qd_bullmq' });
  return new InProcessJobQueue(knex, { name: config.name, log: config.log });
}
