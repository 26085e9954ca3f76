/**
 * The metadata API as the studio uses it. Every save is a PUT of the object's custom-layer document (the engine's
 * PUT writes the custom layer): the whole object for one the admin made, only the admin's overrides over a plugin's.
 */
import { api } from '../../../runtime-ui/src/api/client.ts';
import type { FieldUsage } from '../../../metadata/src/field-usages.ts';
import type { FieldDef, Label, Layer, ObjectDoc } from '../../../metadata/src/types.ts';
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

export interface DocumentVersion {
  kind: 'object';
  name: string;
  layer: Layer;
  version: number;
  body: Partial<ObjectDoc> | null;
  deleted: boolean;
  createdAt?: string;
  createdBy?: string | null;
}

export const listObjects = () => api<{ data: ObjectDoc[] }>('/api/meta/object').then((answer) => answer.data);

export const getObject = (name: string) => api<ObjectDoc>(`/api/meta/object/${encodeURIComponent(name)}`);

/** The custom layer's document as it was at `version` deployed again (a deletion, or version 0, removes it). */
export const rollbackObject = (name: string, version: number, dryRun: boolean) =>
  api<DeployAnswer>(`/api/meta/object/${encodeURIComponent(name)}/rollback`, { method: 'POST', body: { version, dryRun } });

/** The documents that name a field, each with a JSON pointer to the place. */
export const fieldUsages = (object: string, field: string) =>
  api<{ data: FieldUsage[] }>(`/api/meta/object/${encodeURIComponent(object)}/fields/${encodeURIComponent(field)}/usages`).then((answer) => answer.data);

export const objectHistory = (name: string) =>
  api<{ data: DocumentVersion[] }>(`/api/meta/object/${encodeURIComponent(name)}/history`).then((answer) => answer.data);

/** A dry run answers the plan and changes nothing; without it the plan is applied. */
export const putObject = (doc: Partial<ObjectDoc> & { name: string }, dryRun: boolean) =>
  api<DeployAnswer>(`/api/meta/object/${encodeURIComponent(doc.name)}?dryRun=${dryRun}`, { method: 'PUT', body: { ...doc, kind: 'object' } });

/** The newest version of each layer, from a history (newest first within a layer). */
export function latestByLayer(history: DocumentVersion[]): Partial<Record<Layer, DocumentVersion>> {
  const latest: Partial<Record<Layer, DocumentVersion>> = {};
  for (const version of history) if (!latest[version.layer] || latest[version.layer]!.version < version.version) latest[version.layer] = version;
  return latest;
}

/** The object's current custom-layer document, or an empty override of a plugin's object. */
export function customDocument(name: string, history: DocumentVersion[]): Partial<ObjectDoc> & { name: string } {
  const custom = latestByLayer(history).custom;
  if (custom && !custom.deleted && custom.body) return { ...custom.body, name };
  return { kind: 'object', name, fields: [] };
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
