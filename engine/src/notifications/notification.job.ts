/**
 * Notifications as jobs: a transaction decides to notify (queueNotification, committed with the change that caused
 * it), a worker sends after the commit. A run that repeats (a retry, a worker killed mid-way, a second hand-over)
 * gives each recipient one in-app notification: the rows carry the key and are unique per (user, key).
 *
 * E-mail is at least once: each e-mail sent for a key is marked right after the SMTP server accepted it, and a run
 * sends only the unmarked ones; a failed send fails the job, whose retry sends what is still unsent. What remains: a
 * process that dies between the server's acceptance and the mark's commit (or a database that refuses the mark)
 * sends that one e-mail again on the next run.
 */
import type { Knex } from 'knex';
import type { JobQueue } from '../jobs/job-queue.ts';
import { enqueueAfterCommit } from '../jobs/outbox-jobs.ts';
import type { Notifier } from './notify.ts';

export const NOTIFICATION_SEND = 'notification.send';

export interface NotificationJob {
  userIds: string[];
  /** The `template` document's name. */
  template: string;
  record?: { object: string; id: string };
  /** Unique per effect (a task reaching its approver, an automation's action on one event): the idempotency key. */
  key: string;
}

export async function queueNotification(trx: Knex | Knex.Transaction, n: NotificationJob): Promise<void> {
  await enqueueAfterCommit(trx, { name: NOTIFICATION_SEND, data: n, jobId: `notify-${n.key}` });
}

export function processNotificationJobs(jobs: JobQueue, notifier: Pick<Notifier, 'notify'>): void {
  jobs.process<NotificationJob>(NOTIFICATION_SEND, async (n) => {
    const result = await notifier.notify(n.userIds, n.template, n.record, { key: n.key });
    if (result.emailFailures.length) {
      throw new Error(`e-mail to ${result.emailFailures.length} recipient(s) failed: ${result.emailFailures[0].error}`);
    }
  });
}
