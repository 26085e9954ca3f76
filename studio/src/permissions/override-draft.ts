/**
 * The custom-layer document an editor saves. Access documents merge shallowly (a custom property replaces the
 * plugin's whole), so a save writes each property the admin changed, whole, over the custom layer's current version,
 * and leaves the others to the layer below: a plugin upgrade still reaches what the admin didn't touch.
 */
import type { DocKind } from '../../../metadata/src/types.ts';
import type { Draft, KindDoc } from '../api/meta.ts';

/** `effective` is the document as deployed now (undefined for a new one), `custom` its custom layer, `next` the edit. */
export function overrideDraft<K extends DocKind>(
  kind: K,
  custom: Draft<K>,
  effective: KindDoc<K> | undefined,
  next: Partial<KindDoc<K>> & { name: string },
): Draft<K> {
  const draft: Record<string, unknown> = { ...custom, kind, name: next.name };
  const before = (effective ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(next)) if (!sameValue(value, before[key])) draft[key] = value;
  return draft as Draft<K>;
}

/** Equal as JSON, whatever the order of object keys; absent, `false`, `[]` and `{}` all mean "not set". */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (isBlank(value)) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || value === false || (typeof value === 'object' && Object.keys(value).length === 0);
