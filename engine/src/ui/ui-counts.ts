/** The shell's badges: approval tasks waiting for the user, and its unread notifications. */
import type { Knex } from 'knex';
import type { Registry } from '../registry.ts';
import type { Principal } from '../security/principal.ts';
import { inbox } from '../workflow/inbox.ts';

export async function uiCounts(knex: Knex, registry: Registry, principal: Principal): Promise<{ inbox: number; notifications: number }> {
  const [tasks, [{ n }]] = await Promise.all([
    // Approvers are internal users only (approvals.routes.ts).
    principal.kind === 'internal' ? inbox(knex, registry, principal.userId, { limit: 1 }).then((page) => page.total) : 0,
    knex('qd_notifications').where({ user_id: principal.userId }).whereNull('read_at').count<{ n: string }[]>({ n: '*' }),
  ]);
  return { inbox: tasks, notifications: Number(n) };
}
