import type { ObjectDoc } from '../../../metadata/src/types.ts';
import { isReference } from './column-types.ts';

export interface DesiredIndex {
  fields: string[];
  unique: boolean;
}

/** Declared indexes, plus one per lookup and per unique field, plus the default list order. */
export function desiredIndexes(object: ObjectDoc): DesiredIndex[] {
  const fields = object.fields.filter((f) => !f.removed);
  const all: DesiredIndex[] = [
    { fields: ['created_at', 'id'], unique: false },
    ...fields.filter(isReference).map((f) => ({ fields: [f.name], unique: false })),
    ...fields.filter((f) => f.unique).map((f) => ({ fields: [f.name], unique: true })),
    ...(object.indexes ?? []).map((i) => ({ fields: i.fields, unique: Boolean(i.unique) })),
  ];
  const seen = new Set<string>();
  return all.filter((i) => {
    const key = `${i.unique}:${i.fields.join(',')}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

