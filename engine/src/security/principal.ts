/** Who a request acts as, once authenticated; every access decision starts from one of these. */

import type { AdminRight } from '../../../metadata/src/types.ts';

export { ADMIN_RIGHTS, type AdminRight } from '../../../metadata/src/types.ts';

export interface Principal {
  userId: string;
  username: string;
  kind: 'internal' | 'portal';
  /** The `role` document the user holds. */
  role: string | null;
  /** Permission sets given to the user directly, beside those of the role. */
  permissionSets: readonly string[];
  /** A portal user's record of the portal account object (the pack's dealer). */
  accountId: string | null;
}

/** Who reads: every read of records is within this principal's reach. */
export interface AccessContext {
  principal: Principal;
}

/** Who writes, under which request: the audit's actor and request id. */
export interface WriteContext extends AccessContext {
  actor: string | null;
  requestId: string | null;
  /** What made the write, when not a person's request: kept with the audit entry and passed on to afterCommit. */
  cause?: WriteCause;
}

/** The automations whose actions led to a write, outermost first; its length is the depth a loop is cut at. */
export interface WriteCause {
  automations: string[];
}

/** The built-in role and permission set that hold every right; they can't be deployed over or removed. */
export const ADMIN_ROLE = 'admin';

/** The engine itself (seed data, plugin installs): acts as the bootstrap admin user. */
export function systemPrincipal(adminId: string): Principal {
  return { userId: adminId, username: 'admin', kind: 'internal', role: ADMIN_ROLE, permissionSets: [], accountId: null };
}

/** A write by the engine itself, audited as the bootstrap admin under `requestId`. */
export function systemContext(adminId: string, requestId: string): WriteContext {
  return { actor: adminId, requestId, principal: systemPrincipal(adminId) };
}

/** Answers whether a principal holds an admin right; the access model implements it from the metadata. */
export interface RightsChecker {
  hasRight(principal: Principal, right: AdminRight): boolean;
}
