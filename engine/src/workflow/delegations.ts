/** Delegation while on leave: from `startsAt` to `endsAt`, another internal user decides the user's approval tasks. */
import type { Knex } from 'knex';
import { QudaoError, type FieldError } from '../errors/catalog.ts';

export interface Delegation {
  delegateId: string;
  delegateName: string;
  startsAt: string;
  endsAt: string;
}

export async function delegationOf(knex: Knex, userId: string): Promise<Delegation | null> {
  const row = await knex('qd_delegations as d').join('qd_users as u', 'u.id', 'd.delegate_id').where('d.user_id', userId)
    .first('d.delegate_id', 'u.display_name', 'd.starts_at', 'd.ends_at');
  return row ? { delegateId: row.delegate_id, delegateName: row.display_name, startsAt: iso(row.starts_at), endsAt: iso(row.ends_at) } : null;
}

/** Sets (or replaces) the user's delegation. */
export async function setDelegation(knex: Knex, userId: string, body: unknown): Promise<Delegation> {
  const { delegateId, startsAt, endsAt } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const delegate = typeof delegateId === 'string' && /^[0-9a-f-]{36}$/i.test(delegateId)
    ? await knex('qd_users').where({ id: delegateId, active: true, kind: 'internal' }).first('id')
    : undefined;
  if (!delegate) errors.push(fieldError('delegateId', 'not_found', '代理人须是在职的内部用户', 'the delegate must be an active internal user'));
  else if (delegateId === userId) errors.push(fieldError('delegateId', 'self', '不能委托给自己', "you can't delegate to yourself"));
  const from = timestamp(startsAt);
  const until = timestamp(endsAt);
  if (!from) errors.push(fieldError('startsAt', 'format', 'startsAt 须是 ISO 8601 时间', 'startsAt must be an ISO 8601 timestamp'));
  if (!until) errors.push(fieldError('endsAt', 'format', 'endsAt 须是 ISO 8601 时间', 'endsAt must be an ISO 8601 timestamp'));
  if (from && until && until <= from) errors.push(fieldError('endsAt', 'order', '结束时间须晚于开始时间', 'endsAt must be after startsAt'));
  if (errors.length) throw new QudaoError('BAD_REQUEST', errors);
  await knex('qd_delegations').insert({ user_id: userId, delegate_id: delegateId, starts_at: from, ends_at: until })
    .onConflict('user_id').merge();
  return (await delegationOf(knex, userId))!;
}

export async function clearDelegation(knex: Knex, userId: string): Promise<void> {
  await knex('qd_delegations').where({ user_id: userId }).delete();
}

function timestamp(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

const iso = (value: Date | string) => new Date(value).toISOString();

const fieldError = (field: string, rule: string, zh: string, en: string): FieldError => ({ field, rule, message: { 'zh-CN': zh, en } });
