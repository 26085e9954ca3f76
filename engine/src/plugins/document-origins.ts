import type { StoredDocument } from '../../../metadata/src/store.ts';
import type { DocKind, Layer } from '../../../metadata/src/types.ts';
import type { PluginRow } from './plugin-manager.ts';

/** Where a document comes from: the layers that hold it (a plugin's base, an admin's custom) and the plugin that ships it. */
export interface DocumentOrigin {
  layers: Layer[];
  plugin?: string;
}

/** By name, the origin of every current document of `kind` (deleted ones left out). */
export function documentOrigins(
  kind: DocKind,
  stored: readonly StoredDocument[],
  plugins: readonly Pick<PluginRow, 'name' | 'documents'>[],
): Record<string, DocumentOrigin> {
  const origins = new Map<string, DocumentOrigin>();
  for (const doc of stored) {
    if (doc.kind !== kind || doc.deleted || !doc.body) continue;
    const origin = origins.get(doc.name) ?? { layers: [] };
    origin.layers.push(doc.layer);
    origins.set(doc.name, origin);
  }
  for (const plugin of plugins) {
    for (const doc of plugin.documents) {
      const origin = doc.kind === kind ? origins.get(doc.name) : undefined;
      if (origin) origin.plugin = plugin.name;
    }
  }
  return Object.fromEntries(origins);
}
