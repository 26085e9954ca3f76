/** Which names a JsonLogic `var` may read on a record of an object. */
import { isSystemField } from './names.ts';
import type { FieldDef, ObjectDoc } from './types.ts';

export type ObjectsByName = ReadonlyMap<string, ObjectDoc>;

const REFERENCE_TYPES: readonly string[] = ['lookup', 'master_detail'];

export function liveField(object: ObjectDoc, name: string): FieldDef | undefined {
  return object.fields.find((f) => f.name === name && !f.removed);
}

export function isReference(field: FieldDef | undefined): boolean {
  return field !== undefined && REFERENCE_TYPES.includes(field.type);
}

/**
 * True when `name` is a live field or a system field of `object`, or a dotted path `ref.name` through a
 * lookup or master-detail field to a field of its target.
 */
export function isKnownVar(name: string, object: ObjectDoc, objects: ObjectsByName): boolean {
  const [head, ...rest] = name.split('.');
  if (rest.length === 0) return isSystemField(head) || liveField(object, head) !== undefined;
  const ref = liveField(object, head);
  const target = isReference(ref) ? objects.get(ref!.target ?? '') : undefined;
  return target !== undefined && isKnownVar(rest.join('.'), target, objects);
}

/** The field a var names, following lookups for a dotted path; undefined for system fields and unknown names. */
export function fieldAt(name: string, object: ObjectDoc, objects: ObjectsByName): FieldDef | undefined {
  const [head, ...rest] = name.split('.');
  const field = liveField(object, head);
  if (rest.length === 0) return field;
  const target = isReference(field) ? objects.get(field!.target ?? '') : undefined;
  return target && fieldAt(rest.join('.'), target, objects);
}
