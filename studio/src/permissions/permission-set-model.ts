/** What the permission set editor edits — labels, the rights grid, field levels, admin rights — and the document it saves. */
import { ADMIN_RIGHTS, type AdminRight, type Label, type PermissionSetDoc } from '../../../metadata/src/types.ts';
import type { Draft } from '../api/meta.ts';
import { storedLevels, type FieldLevels } from './field-matrix.ts';
import { overrideDraft } from './override-draft.ts';
import { gridOf, objectsOf, type RightsGrid } from './rights-grid.ts';

export interface PermissionSetModel {
  name: string;
  label: Label;
  grid: RightsGrid;
  fields: FieldLevels;
  rights: AdminRight[];
}

export function modelOf(set: PermissionSetDoc): PermissionSetModel {
  return { name: set.name, label: set.label, grid: gridOf(set.objects), fields: set.fields ?? {}, rights: set.rights ?? [] };
}

export const emptyModel = (): PermissionSetModel => ({ name: '', label: { 'zh-CN': '', en: '' }, grid: {}, fields: {}, rights: [] });

export function permissionSetDocOf(model: PermissionSetModel): Omit<PermissionSetDoc, 'description'> {
  return {
    kind: 'permissionSet',
    name: model.name,
    label: model.label,
    objects: objectsOf(model.grid),
    fields: storedLevels(model.fields, model.grid),
    rights: ADMIN_RIGHTS.filter((right) => model.rights.includes(right)),
  };
}

/** The custom-layer document to deploy: the properties the edit changed over `effective` (none: a new set, saved whole). */
export function permissionSetDraft(model: PermissionSetModel, effective: PermissionSetDoc | undefined, custom: Draft<'permissionSet'>): Draft<'permissionSet'> {
  return overrideDraft('permissionSet', custom, effective, permissionSetDocOf(model));
}
