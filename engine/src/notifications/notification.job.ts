// INTERIM, written by the lead so the workflow runtime loads: the notifications engineer replaces this whole file.
import type { Knex } from 'knex';
import { enqueueAfterCommit } from '../jobs/outbox-jobs.ts';

export async function queueNotification(trx: Knex | Knex.Transaction, n: { userIds: string[]; template: string; record?: { object: string; id: string }; key: string }): Promise<void> {
  await enqueueAfterCommit(trx, { name: 'notification.send', data: n, jobId: `notify-${n.key}` });
}
