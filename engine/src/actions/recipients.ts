/**
 * Who a `notify` action tells: the record's owner when it names nobody; else the internal users its approver entries
 * name, and the active portal users of the accounts its `accountUsers` entries point at. Portal users are resolved
 * here only, never in approvers.ts: they are told about a record, they don't decide it.
 */
import type { Knex } from 'knex';
import type { Approver, Label, Recipient } from '../../../metadata/src/types.ts';
import type { ObjectRuntime } from '../registry.ts';
import type { RecordData } from '../records/row-mapping.ts';
import { resolveApprovers } from '../workflow/approvers.ts';

export interface RecipientContext {
  db: Knex | Knex.Transaction;
  object: ObjectRuntime;
  /** The record as the action sees it: a lookup it reads through is a nested `{ id, … }`. */
  record: RecordData;
  roleLabel(role: string): Label | undefined;
}

/** User ids, each once. */
export async function resolveRecipients(to: Recipient | Recipient[] | undefined, ctx: RecipientContext): Promise<string[]> {
  if (to === undefined) return typeof ctx.record.owner_id === 'string' ? [ctx.record.owner_id] : [];
  const list = Array.isArray(to) ? to : [to];
  const approvers = list.filter((r): r is Approver => !('accountUsers' in r));
  const accounts = list.flatMap((r) => ('accountUsers' in r ? [idOf(ctx.record[r.accountUsers])] : [])).filter((id): id is string => id !== undefined);
  const internal = approvers.length ? await resolveApprovers(ctx.db, approvers, ctx.object, ctx.record, ctx.roleLabel) : [];
  return [...new Set([...internal.map((p) => p.userId), ...(await portalUsersOf(ctx.db, accounts))])];
}

async function portalUsersOf(db: Knex | Knex.Transaction, accountIds: string[]): Promise<string[]> {
  if (!accountIds.length) return [];
  const rows: { id: string }[] = await db('qd_users').where({ kind: 'portal', active: true }).whereIn('account_id', accountIds).orderBy('username').select('id');
  return rows.map((r) => r.id);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A lookup's value: its id, or the preloaded related record. */
function idOf(value: unknown): string | undefined {
  const id = typeof value === 'object' && value !== null ? (value as RecordData).id : value;
  return typeof id === 'string' && UUID.test(id) ? id : undefined;
}
