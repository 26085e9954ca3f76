/** The dealer authorization's guards (conflicts on approval, licences) and the "who may sell" route; its actions are authorization.actions.ts. */
import { reject, type BeforeWriteEvent, type FieldError, type PluginRoute, type PluginRouteRequest } from '../../../engine/src/plugin-api.ts';
import { conflictMessage, findConflicts } from './grant-conflicts.ts';
import { licenceErrors } from './grant-licences.ts';
import { settledTermErrors } from './settled-terms.ts';
import { whoMaySellPage } from './who-may-sell.page.ts';
import { parseWhoMaySellOrThrow, whoMaySell } from './who-may-sell.ts';

/**
 * A grant's write is refused (422, every reason at once) when it changes a decided grant's terms, its dealer's licences
 * don't cover it or, on approval, it conflicts.
 */
export async function guardGrant(event: BeforeWriteEvent): Promise<void> {
  const errors = [...settledTermErrors(event), ...await licenceErrors(event), ...await conflictErrors(event)];
  if (errors.length) reject(errors);
}

/** A grant cannot become approved while another exclusive grant covers the same sale (the workflow's step fails with it). */
async function conflictErrors(event: BeforeWriteEvent): Promise<FieldError[]> {
  if (event.values.status !== 'approved') return [];
  const conflicts = await findConflicts(event.db, { ...event.current, ...event.values });
  return conflicts.length ? [{ field: 'status', rule: 'authorization_conflict', message: conflictMessage(conflicts) }] : [];
}

export const whoMaySellRoute: PluginRoute = {
  method: 'GET',
  path: 'who-may-sell',
  handler: ({ db, query, principal }: PluginRouteRequest) => whoMaySell(db, parseWhoMaySellOrThrow(query), principal),
  page: whoMaySellPage,
};
