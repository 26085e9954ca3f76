/**
 * Who an approver entry names, and why: a user by name, the users of a role, the manager of the user a field
 * holds, the manager of the record's owner, or the user(s) a JsonLogic lookup over the record yields. Each person
 * comes with the reason shown in the submit preview, the inbox and the history.
 */
import type { Knex } from 'knex';
import { evaluateLogic } from '../../../metadata/src/jsonlogic.ts';
import type { Approver, Label } from '../../../metadata/src/types.ts';
import type { ObjectRuntime } from '../registry.ts';
import type { RecordData } from '../records/row-mapping.ts';

export interface ResolvedApprover {
  userId: string;
  username: string;
  displayName: string;
  reason: Label;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  manager_id: string | null;
}

const USER_COLUMNS = ['id', 'username', 'display_name', 'manager_id'];

/** The people the entries name, in order, each once (the first reason wins); inactive users never decide. */
export async function resolveApprovers(
  db: Knex | Knex.Transaction,
  approvers: Approver | Approver[],
  object: ObjectRuntime,
  record: RecordData,
  roleLabel: (role: string) => Label | undefined,
): Promise<ResolvedApprover[]> {
  const found = new Map<string, ResolvedApprover>();
  for (const approver of Array.isArray(approvers) ? approvers : [approvers]) {
    for (const person of await resolveOne(db, approver, object, record, roleLabel)) {
      if (!found.has(person.userId)) found.set(person.userId, person);
    }
  }
  return [...found.values()];
}

async function resolveOne(
  db: Knex | Knex.Transaction,
  approver: Approver,
  object: ObjectRuntime,
  record: RecordData,
  roleLabel: (role: string) => Label | undefined,
): Promise<ResolvedApprover[]> {
  const active = (): Knex.QueryBuilder<any, UserRow[]> => db('qd_users').where({ active: true, kind: 'internal' }).select(USER_COLUMNS);
  if ('user' in approver) {
    return people(await active().where({ username: approver.user }), { 'zh-CN': '指定审批人', en: 'named approver' });
  }
  if ('role' in approver) {
    const label = roleLabel(approver.role) ?? { 'zh-CN': approver.role, en: approver.role };
    return people(await active().where({ role: approver.role }).orderBy('username'), { 'zh-CN': `角色：${label['zh-CN']}`, en: `role: ${label.en}` });
  }
  if ('managerOf' in approver) {
    const username = record[approver.managerOf];
    const field = object.fields.get(approver.managerOf);
    const fieldLabel = field?.label ?? { 'zh-CN': approver.managerOf, en: approver.managerOf };
    if (typeof username !== 'string') return [];
    return managerOf(db, { username }, {
      'zh-CN': `${fieldLabel['zh-CN']}（${username}）的上级`, en: `manager of ${fieldLabel.en} (${username})`,
    });
  }
  if ('ownerManager' in approver) {
    if (typeof record.owner_id !== 'string') return [];
    return managerOf(db, { id: record.owner_id }, { 'zh-CN': '记录所有者的上级', en: "the record owner's manager" });
  }
  const result = evaluateLogic(approver.lookup, record);
  const usernames = (Array.isArray(result) ? result : [result]).filter((v): v is string => typeof v === 'string' && v !== '');
  if (!usernames.length) return [];
  return people(await active().whereIn('username', usernames), { 'zh-CN': '按记录查得的审批人', en: 'found from the record' });
}

async function managerOf(db: Knex | Knex.Transaction, user: { id: string } | { username: string }, reason: Label): Promise<ResolvedApprover[]> {
  const managers: UserRow[] = await db('qd_users as u')
    .join('qd_users as m', 'm.id', 'u.manager_id')
    .where(Object.fromEntries(Object.entries(user).map(([k, v]) => [`u.${k}`, v])))
    .where({ 'm.active': true })
    .select(USER_COLUMNS.map((c) => `m.${c}`));
  return people(managers, reason);
}

function people(rows: UserRow[], reason: Label): ResolvedApprover[] {
  return rows.map((r) => ({ userId: r.id, username: r.username, displayName: r.display_name, reason }));
}
