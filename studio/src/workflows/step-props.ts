/** A node or an edge with one property set, or removed when the value is empty (the document keeps no empty keys). */
export function withProp<T extends object, K extends keyof T>(item: T, key: K, value: T[K] | undefined): T {
  const next = { ...item };
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty) delete next[key];
  else next[key] = value;
  return next;
}
