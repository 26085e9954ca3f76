/** Reading `GET /api/access/explain`'s answer: its shape, and which of the user's permission sets give an object right. */
import { BUILT_IN_ADMIN } from '../../../metadata/src/check-access.ts';
import type { FieldAccessLevel, ObjectRight, PermissionSetDoc } from '../../../metadata/src/types.ts';
import type { AccessReason } from '../../../metadata/src/ui-contract.ts';

export interface Verdict {
  allowed: boolean;
  because: string[];
  reasons: AccessReason[];
}

export interface AccessExplanation {
  user: { id: string; username: string; displayName: string | null; kind: 'internal' | 'portal'; role: string | null; permissionSets: string[] };
  object: string;
  permissionSets: string[];
  objectRights: ObjectRight[];
  fields: Record<string, FieldAccessLevel>;
  records: { read: Verdict; edit: Verdict };
  record?: { id: string; exists: boolean; read: Verdict; edit: Verdict };
}

/** The sets among `held` that give `right` on `object`, directly or through view-all, modify-all or an all-data right. */
export function grantingSets(sets: ReadonlyMap<string, PermissionSetDoc>, held: readonly string[], object: string, right: ObjectRight): string[] {
  return held.filter((name) => {
    if (name === BUILT_IN_ADMIN) return true;
    const set = sets.get(name);
    if (!set) return false;
    const rights = set.objects?.[object] ?? {};
    if (rights[right] || rights.modifyAll || set.rights?.includes('modifyAllData')) return true;
    return (right === 'read' || right === 'viewAll') && (!!rights.viewAll || !!set.rights?.includes('viewAllData'));
  });
}
