/**
 * The metadata API as the studio uses it, for every document kind. Every save is a PUT of the document's custom-layer
 * version (the engine's PUT writes the custom layer): the whole document for one the admin made, only the admin's
 * overrides over a plugin's.
 */
import { api } from '../../../runtime-ui/src/api/client.ts';
import type { FieldUsage } from '../../../metadata/src/field-usages.ts';
import type { DocKind, FieldDef, Label, Layer, MetadataDoc, ObjectDoc } from '../../../metadata/src/types.ts';
import type { StepRisk } from '../../../metadata/src/ui-contract.ts';

export interface PlanStep {
  kind: string;
  object: string;
  field?: string;
  description: Label;
  sql: string[];
  risk?: StepRisk;
}

export interface DeployAnswer {
  applied: boolean;
  deployId?: string;
  steps: PlanStep[];
}

export interface DocumentVersion<Doc extends MetadataDoc = MetadataDoc> {
  kind: DocKind;
  name: string;
  layer: Layer;
  version: number;
  body: Partial<Doc> | null;
  deleted: boolean;
  createdAt?: string;
  createdBy?: string | null;
}

export type KindDoc<K extends DocKind> = Extract<MetadataDoc, { kind: K }>;
/** A document as the studio saves it: its kind and name, the rest as far as the custom layer overrides it. */
export type Draft<K extends DocKind = DocKind> = Partial<KindDoc<K>> & { name: string };

const docPath = (kind: DocKind, name: string) => `/api/meta/${kind}/${encodeURIComponent(name)}`;

export const listDocuments = <K extends DocKind>(kind: K) => api<{ data: KindDoc<K>[] }>(`/api/meta/${kind}`).then((answer) => answer.data);

/** Where a listed document comes from: the layers that hold it and the plugin that ships it. */
export interface DocumentOrigin {
  layers: Layer[];
  plugin?: string;
}

/** By name, the origin of every document of a kind (the list's `origins`). */
export const documentOrigins = (kind: DocKind) =>
  api<{ origins: Record<string, DocumentOrigin> }>(`/api/meta/${kind}`).then((answer) => answer.origins);

/** The effective document: every layer merged. */
export const getDocument = <K extends DocKind>(kind: K, name: string) => api<KindDoc<K>>(docPath(kind, name));

export const documentHistory = <K extends DocKind>(kind: K, name: string) =>
  api<{ data: DocumentVersion<KindDoc<K>>[] }>(`${docPath(kind, name)}/history`).then((answer) => answer.data);

/** A dry run answers the plan and changes nothing; without it the plan is applied. */
export const putDocument = <K extends DocKind>(kind: K, doc: Draft<K>, dryRun: boolean) =>
  api<DeployAnswer>(`${docPath(kind, doc.name)}?dryRun=${dryRun}`, { method: 'PUT', body: { ...doc, kind } });

/** The custom layer's document as it was at `version` deployed again (a deletion, or version 0, removes it). */
export const rollbackDocument = (kind: DocKind, name: string, version: number, dryRun: boolean) =>
  api<DeployAnswer>(`${docPath(kind, name)}/rollback`, { method: 'POST', body: { version, dryRun } });

/** The documents that name a field, each with a JSON pointer to the place. */
export const fieldUsages = (object: string, field: string) =>
  api<{ data: FieldUsage[] }>(`${docPath('object', object)}/fields/${encodeURIComponent(field)}/usages`).then((answer) => answer.data);

/** The newest version of each layer, from a history (newest first within a layer). */
export function latestByLayer<Doc extends MetadataDoc>(history: DocumentVersion<Doc>[]): Partial<Record<Layer, DocumentVersion<Doc>>> {
  const latest: Partial<Record<Layer, DocumentVersion<Doc>>> = {};
  for (const version of history) if (!latest[version.layer] || latest[version.layer]!.version < version.version) latest[version.layer] = version;
  return latest;
}

/** The document's current custom-layer version, or an empty override of a plugin's document. */
export function customDocument<K extends DocKind>(kind: K, name: string, history: DocumentVersion<KindDoc<K>>[]): Draft<K> {
  const custom = latestByLayer(history).custom;
  if (custom && !custom.deleted && custom.body) return { ...custom.body, kind, name };
  return { kind, name } as Draft<K>;
}

/** The custom document with `field` put in place of the field of that name (appended when new) and its index set. */
export function withField(doc: Partial<ObjectDoc> & { name: string }, field: FieldDef, indexed: boolean): Partial<ObjectDoc> & { name: string } {
  const fields = doc.fields ?? [];
  const at = fields.findIndex((f) => f.name === field.name);
  const nextFields = at < 0 ? [...fields, field] : fields.map((f, i) => (i === at ? field : f));
  const others = (doc.indexes ?? []).filter((index) => !(index.fields.length === 1 && index.fields[0] === field.name));
  const indexes = indexed ? [...others, { fields: [field.name] }] : others;
  const next: Partial<ObjectDoc> & { name: string } = { ...doc, fields: nextFields };
  if (indexes.length) next.indexes = indexes;
  else delete next.indexes;
  return next;
}

export const hasOwnIndex = (doc: Pick<ObjectDoc, 'indexes'>, field: string) =>
  (doc.indexes ?? []).some((index) => index.fields.length === 1 && index.fields[0] === field);
