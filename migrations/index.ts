import type { Knex } from 'knex';
import * as systemTables from './20261125_0001_system_tables.ts';
import * as plugins from './20261125_0002_plugins.ts';
import * as security from './20261125_0003_security.ts';
import * as jobs from './20261125_0004_jobs.ts';
import * as notifications from './20261125_0005_notifications.ts';
import * as outboxJobs from './20261205_0006_outbox_jobs.ts';
import * as workflow from './20261205_0007_workflow.ts';
import * as webhooks from './20261205_0008_webhooks.ts';
import * as notificationKeys from './20261205_0009_notification_keys.ts';
import * as automations from './20261205_0010_automations.ts';
import * as workflowQueuedTasks from './20261205_0011_workflow_queued_tasks.ts';
import * as files from './20261205_0012_files.ts';
import * as work from './20261205_0013_work.ts';
import * as letters from './20261212_0014_letters.ts';
import * as letterCodeSeal from './20261213_0015_letter_code_seal.ts';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Every migration, in order. Listed explicitly so they run the same under tsx, vitest and a bundler. */
const MIGRATIONS: Record<string, Migration> = {
  '20261125_0001_system_tables': systemTables,
  '20261125_0002_plugins': plugins,
  '20261125_0003_security': security,
  '20261125_0004_jobs': jobs,
  '20261125_0005_notifications': notifications,
  '20261205_0006_outbox_jobs': outboxJobs,
  '20261205_0007_workflow': workflow,
  '20261205_0008_webhooks': webhooks,
  '20261205_0009_notification_keys': notificationKeys,
  '20261205_0010_automations': automations,
  '20261205_0011_workflow_queued_tasks': workflowQueuedTasks,
  '20261205_0012_files': files,
  '20261205_0013_work': work,
  '20261212_0014_letters': letters,
  '20261213_0015_letter_code_seal': letterCodeSeal,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS),
  getMigrationName: (name) => name,
  getMigration: async (name) => MIGRATIONS[name],
};
