/**
 * A permission set's field matrix for one object: each live field's access, `none`, `read` or `edit`. A field the set
 * doesn't name follows the object (as the engine's access model does): `edit` with update or modify-all, `read` with
 * read or view-all, else `none`. Only the fields that differ from that are written to `PermissionSetDoc.fields`.
 */
import { COMPUTED_FIELD_TYPES, type FieldAccessLevel, type FieldDef, type Label, type ObjectDoc, type ObjectRight, type PermissionSetDoc } from '../../../metadata/src/types.ts';
import type { RightsGrid } from './rights-grid.ts';

export type FieldLevels = NonNullable<PermissionSetDoc['fields']>;

export interface FieldRow {
  name: string;
  label: Label;
  level: FieldAccessLevel;
  /** The set names this field's level itself, rather than following the object. */
  overridden: boolean;
  /** Formulas, rollups and autonumbers are never editable. */
  computed: boolean;
}

export function objectLevel(rights: readonly ObjectRight[]): FieldAccessLevel {
  if (rights.includes('update') || rights.includes('modifyAll')) return 'edit';
  return rights.includes('read') || rights.includes('viewAll') ? 'read' : 'none';
}

const live = (object: ObjectDoc): FieldDef[] => object.fields.filter((f) => !f.removed);

export function fieldRows(object: ObjectDoc, rights: readonly ObjectRight[], levels: FieldLevels): FieldRow[] {
  const fallback = objectLevel(rights);
  const named = levels[object.name] ?? {};
  return live(object).map((field) => {
    const computed = COMPUTED_FIELD_TYPES.has(field.type);
    const level = named[field.name] ?? fallback;
    return { name: field.name, label: field.label, level: computed && level === 'edit' ? 'read' : level, overridden: named[field.name] !== undefined, computed };
  });
}

export function withFieldLevel(levels: FieldLevels, object: string, field: string, level: FieldAccessLevel): FieldLevels {
  return { ...levels, [object]: { ...levels[object], [field]: level } };
}

/** The levels to store: those that differ from their object's, for objects the set may read at all. */
export function storedLevels(levels: FieldLevels, grid: RightsGrid): FieldLevels {
  const stored: FieldLevels = {};
  for (const [object, fields] of Object.entries(levels)) {
    const fallback = objectLevel(grid[object] ?? []);
    if (fallback === 'none') continue;
    const differing = Object.entries(fields).filter(([, level]) => level !== fallback);
    if (differing.length) stored[object] = Object.fromEntries(differing);
  }
  return stored;
}
