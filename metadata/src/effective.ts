import { mergeLayers } from './merge-layers.ts';
import type { StoredDocument } from './store.ts';
import type { MetadataDoc } from './types.ts';

/** The effective definition of every document: base layer merged with the custom layer, tombstones dropped. */
export function effectiveDocuments(stored: readonly StoredDocument[]): MetadataDoc[] {
  const byKey = new Map<string, { base?: MetadataDoc; custom?: MetadataDoc }>();
  for (const doc of stored) {
    if (doc.deleted || !doc.body) continue;
    const key = `${doc.kind}:${doc.name}`;
    const layers = byKey.get(key) ?? {};
    layers[doc.layer] = doc.body;
    byKey.set(key, layers);
  }
  const result: MetadataDoc[] = [];
  for (const { base, custom } of byKey.values()) {
    const merged = mergeLayers(base, custom);
    if (merged) result.push(merged);
  }
  return result;
}
