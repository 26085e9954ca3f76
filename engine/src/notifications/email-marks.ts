/**
 * Which e-mails a keyed notification has sent already: one mark per (recipient, key), written right after the SMTP
 * server accepted the message. A job that runs again sends only the unmarked ones.
 */
import type { Knex } from 'knex';

const TABLE = 'qd_notification_emails';

/** The recipients among `userIds` already e-mailed for `key`. */
export async function emailedAlready(knex: Knex, key: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows: { user_id: string }[] = await knex(TABLE).where({ dedupe_key: key }).whereIn('user_id', userIds).select('user_id');
  return new Set(rows.map((row) => row.user_id));
}

export async function markEmailed(knex: Knex, key: string, userId: string): Promise<void> {
  await knex(TABLE).insert({ user_id: userId, dedupe_key: key }).onConflict(['user_id', 'dedupe_key']).ignore();
}
