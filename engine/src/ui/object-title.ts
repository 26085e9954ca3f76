import type { ObjectDoc } from '../../../metadata/src/types.ts';

/** The field a record's title shows: the object's titleField, else its `name` field, else none (the id). */
export function titleFieldOf(doc: ObjectDoc): string | null {
  if (doc.titleField) return doc.titleField;
  return doc.fields.some((f) => f.name === 'name' && !f.removed) ? 'name' : null;
}
