/** The dealer authorization's code: its conflict check (an action and the guard on approval) and the "who may sell" route. */
import { reject, type ActionContext, type BeforeWriteEvent, type PluginRoute, type PluginRouteRequest } from '../../../engine/src/plugin-api.ts';
import { conflictMessage, findConflicts } from './grant-conflicts.ts';
import { parseWhoMaySellOrThrow, whoMaySell } from './who-may-sell.ts';

export async function checkConflicts({ db, record }: ActionContext) {
  return { data: await findConflicts(db, record) };
}

/** A grant cannot become approved while another exclusive grant covers the same sale (the workflow's step fails with it). */
export async function refuseConflictingApproval(event: BeforeWriteEvent): Promise<void> {
  if (event.values.status !== 'approved') return;
  const conflicts = await findConflicts(event.db, { ...event.current, ...event.values });
  if (conflicts.length) reject([{ field: 'status', rule: 'authorization_conflict', message: conflictMessage(conflicts) }]);
}

export const whoMaySellRoute: PluginRoute = {
  method: 'GET',
  path: 'who-may-sell',
  handler: ({ db, query, principal }: PluginRouteRequest) => whoMaySell(db, parseWhoMaySellOrThrow(query), principal),
};
