/**
 * The record before the write. The caller of the evaluator puts it under the reserved data key `$prior`
 * (absent on create); json-logic-js calls an operator with `this` bound to the data.
 */

const PRIOR = '$prior';
const hasOwn = Object.prototype.hasOwnProperty;

function own(object: unknown, key: string): unknown {
  return typeof object === 'object' && object !== null && hasOwn.call(object, key)
    ? (object as Record<string, unknown>)[key] ?? null
    : null;
}

function priorRecord(data: unknown): object | null {
  const record = own(data, PRIOR);
  return typeof record === 'object' && record !== null ? record : null;
}

/** [field]: the field's value before the write; null on create. */
export function prior(this: unknown, field: unknown): unknown {
  return typeof field === 'string' ? own(priorRecord(this), field) : null;
}

/** [field]: the write changes the field; on create, it sets it to something other than null. */
export function changed(this: unknown, field: unknown): boolean {
  if (typeof field !== 'string') return false;
  const current = own(this, field);
  const before = priorRecord(this);
  if (before === null) return current !== null;
  return JSON.stringify(current) !== JSON.stringify(own(before, field));
}
