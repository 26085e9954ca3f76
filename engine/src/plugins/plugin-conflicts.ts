/**
 * What a refused plugin change collides with, value by value: for each problem the deploy found in a document, the
 * value at that place in the plugin's base layer as it would be and in the admin's custom layer, so a designer can
 * show "the plugin now says X, your customization says Y".
 */
import { mergeLayers } from '../../../metadata/src/merge-layers.ts';
import type { StoredDocument } from '../../../metadata/src/store.ts';
import type { DocKind, Layer, MetadataDoc } from '../../../metadata/src/types.ts';
import type { FieldError } from '../errors/catalog.ts';

export interface PluginConflict {
  /** The error's `field`: `kind:name/pointer`. */
  field: string;
  rule: string;
  document: { kind: DocKind; name: string };
  /** A JSON pointer inside the effective document. */
  path: string;
  /** The value there in the base layer after the change; absent when the plugin does not set it. */
  plugin?: unknown;
  /** The value there in the custom layer; absent when the admin did not set it. */
  custom?: unknown;
}

/** The layers as a change would leave them. */
export interface LayersAfter {
  base: readonly MetadataDoc[];
  custom: readonly MetadataDoc[];
}

interface Change {
  /** Put into `layer`, each in place of the document of its kind and name. */
  documents: readonly MetadataDoc[];
  /** Taken out of the layer each names, else out of `layer`. */
  remove: readonly { kind: DocKind; name: string; layer?: Layer }[];
  layer: Layer;
}

export function layersAfter(stored: readonly StoredDocument[], change: Change): LayersAfter {
  const sameDoc = (a: { kind: DocKind; name: string }) => (b: { kind: DocKind; name: string }) => a.kind === b.kind && a.name === b.name;
  const removed = (doc: StoredDocument) => change.remove.some((r) => sameDoc(r)(doc) && (r.layer ?? change.layer) === doc.layer);
  const layerAfter = (layer: Layer) => {
    const kept = stored.filter((d) => d.layer === layer && !d.deleted && d.body && !removed(d)).map((d) => d.body!);
    return layer === change.layer ? [...kept.filter((d) => !change.documents.some(sameDoc(d))), ...change.documents] : kept;
  };
  return { base: layerAfter('base'), custom: layerAfter('custom') };
}

const FIELD = /^([A-Za-z]+):([a-z0-9_]+)(\/.*)?$/;

export function pluginConflicts(errors: readonly FieldError[], layers: LayersAfter): PluginConflict[] {
  return errors.flatMap((error) => {
    const match = FIELD.exec(error.field);
    if (!match) return [];
    const [, kindText, name, path = ''] = match;
    const kind = kindText as DocKind;
    const find = (docs: readonly MetadataDoc[]) => docs.find((d) => d.kind === kind && d.name === name);
    const [base, custom] = [find(layers.base), find(layers.custom)];
    const effective = mergeLayers(base, custom);
    const segments = path.split('/').slice(1).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
    const conflict: PluginConflict = { field: error.field, rule: error.rule, document: { kind, name }, path };
    const plugin = valueInLayer(effective, base, segments);
    const customValue = valueInLayer(effective, custom, segments);
    if (plugin !== undefined) conflict.plugin = plugin;
    if (customValue !== undefined) conflict.custom = customValue;
    return [conflict];
  });
}

/**
 * The value at a pointer of the merged document, read from one layer: layers merge lists of named items (fields,
 * sections) by name, so an index of the merged list is followed by the item's name.
 */
export function valueInLayer(effective: unknown, layer: unknown, segments: readonly string[]): unknown {
  let [merged, own] = [effective, layer];
  for (const segment of segments) {
    if (own === undefined || own === null) return undefined;
    if (Array.isArray(merged) && Array.isArray(own)) {
      const item: unknown = merged[Number(segment)];
      const name = nameOf(item);
      own = name === undefined ? own[Number(segment)] : own.find((o) => nameOf(o) === name);
      merged = item;
    } else {
      merged = childOf(merged, segment);
      own = childOf(own, segment);
    }
  }
  return own;
}

const nameOf = (item: unknown) => (typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string' ? (item as { name: string }).name : undefined);

const childOf = (value: unknown, key: string) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);
