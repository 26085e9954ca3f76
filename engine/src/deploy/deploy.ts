import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { checkDocumentShape } from '../../../metadata/src/check-shape.ts';
import { checkDocuments } from '../../../metadata/src/check-documents.ts';
import { effectiveDocuments } from '../../../metadata/src/effective.ts';
import type { MetadataStore, StoredDocument } from '../../../metadata/src/store.ts';
import type { DocKind, Label, Layer, MetadataDoc, ObjectDoc, Problem } from '../../../metadata/src/types.ts';
import { QudaoError, problemsToFieldErrors } from '../errors/catalog.ts';
import { loadPhysicalState } from '../schema-sync/physical-state.ts';
import { planSchema, type PlanStep } from '../schema-sync/plan.ts';
import { applyPlan, runAfterCommit } from './apply.ts';
import { CandidateObjects, checkDocumentFilters } from './check-filters.ts';
import { checkSchedules } from './check-schedules.ts';
import { estimatedRows, stepRisk, type StepRisk } from './step-risk.ts';

export const METADATA_CHANNEL = 'qudao_metadata';

export interface DeployRequest {
  documents: unknown;
  /** Documents to delete, from this layer unless one is named (an object's table and data are kept). */
  remove?: { kind: DocKind; name: string; layer?: Layer }[];
  dryRun?: boolean;
  force?: boolean;
  layer?: Layer;
  actor: string | null;
  /** More writes that belong to the same deploy (a plugin's own record, the access audit), in its transaction, before the commit. */
  inTransaction?: (trx: Knex.Transaction, applied: AppliedDeploy) => Promise<void>;
  /** Told the plan's size (done 0, no step), then each step as it applied; must not wait (it runs inside the transaction). */
  progress?: (done: number, total: number, step?: PublicStep) => void;
}

/** What an applied deploy saved: the documents whose body changed, each with its new version. */
export interface AppliedDeploy {
  deployId: string;
  documents: { kind: DocKind; name: string; layer: Layer; version: number; deleted: boolean }[];
}

export interface PublicStep {
  kind: PlanStep['kind'];
  object: string;
  field?: string;
  description: Label;
  sql: string[];
  /** A slow step on a large table, or one that drops data: what a designer warns of before confirming. */
  risk?: StepRisk;
}

export interface DeployResult {
  applied: boolean;
  deployId?: string;
  steps: PublicStep[];
}

export interface DeployContext {
  knex: Knex;
  store: MetadataStore;
  concurrentIndexes: boolean;
}

/** validate → plan → apply in one transaction. Throws a QudaoError and changes nothing when any part fails. */
export async function deployOrThrow(ctx: DeployContext, request: DeployRequest): Promise<DeployResult> {
  const layer = request.layer ?? 'custom';
  const deployId = uuidv7();
  let afterCommit: PlanStep[] = [];
  let onStep: (step: PlanStep) => void = () => undefined;
  const result = await ctx.knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [METADATA_CHANNEL]);
    const stored = await ctx.store.loadCurrent(trx);
    const documents = assertDocumentsShape(request.documents, layer, stored);
    const candidate = withChanges(stored, documents, request.remove ?? [], layer);
    const next = effectiveDocuments(candidate);
    assertNoProblems([...checkDocuments(next), ...checkDocumentFilters(next, new CandidateObjects(next)), ...checkSchedules(next)]);
    const plan = planSchema({
      knex: trx,
      previous: objectsOf(effectiveDocuments(stored)),
      next: objectsOf(next),
      physical: await loadPhysicalState(trx),
      concurrentIndexes: ctx.concurrentIndexes,
    });
    if (plan.impossible.length) throw new QudaoError('METADATA_INVALID', plan.impossible);
    if (plan.lossy.length && !request.force) throw new QudaoError('LOSSY_CHANGE', plan.lossy);
    const saves = changedDocuments(stored, candidate);
    const rows = await estimatedRows(trx);
    const steps = [...plan.steps, ...saves.map(saveStep)].map((step) => ({ ...step, risk: stepRisk(step.kind, step.object, rows) }));
    if (request.dryRun) return { applied: false, steps: steps.map(toPublic) };
    onStep = stepCounter(steps.length, request.progress);
    await applyPlan(trx, plan.steps, onStep);
    for (const [i, doc] of saves.entries()) {
      await ctx.store.saveVersion(trx, { ...doc, deployId, actor: request.actor });
      onStep(steps[plan.steps.length + i]!);
    }
    await request.inTransaction?.(trx, { deployId, documents: saves.map(({ kind, name, layer, version, deleted }) => ({ kind, name, layer, version, deleted })) });
    await trx('qd_deploys').insert({ id: deployId, steps: JSON.stringify(steps.map(toPublic)), created_by: request.actor });
    await trx.raw('SELECT pg_notify(?, ?)', [METADATA_CHANNEL, deployId]);
    afterCommit = plan.steps.filter((s) => s.afterCommit);
    return { applied: true, deployId, steps: steps.map(toPublic) };
  });
  await runAfterCommit(ctx.knex, afterCommit, onStep);
  return result;
}

/** Numbers the steps as they apply, in-transaction steps and saves first, then the ones after the commit. */
function stepCounter(total: number, progress: DeployRequest['progress']): (step: PlanStep) => void {
  if (!progress) return () => undefined;
  let done = 0;
  progress(0, total);
  return (step) => progress(++done, total, toPublic(step));
}

/** A custom-layer document over a base document may be partial (only what the admin changed). */
function assertDocumentsShape(documents: unknown, layer: Layer, stored: StoredDocument[]): MetadataDoc[] {
  if (!Array.isArray(documents)) {
    throw new QudaoError('BAD_REQUEST', [
      { field: 'documents', rule: 'type', message: { 'zh-CN': 'documents 必须是文档数组', en: 'documents must be an array of documents' } },
    ]);
  }
  const hasBase = (doc: unknown) => {
    const { kind, name } = (doc ?? {}) as { kind?: unknown; name?: unknown };
    return stored.some((d) => d.layer === 'base' && !d.deleted && d.kind === kind && d.name === name);
  };
  const problems = documents.flatMap((doc, i) =>
    checkDocumentShape(doc, layer === 'custom' && hasBase(doc) ? 'custom' : 'base').map((p): Problem => ({ ...p, path: `/documents/${i}${p.path}` })),
  );
  assertNoProblems(problems);
  return documents as MetadataDoc[];
}

function assertNoProblems(problems: Problem[]): void {
  if (problems.length) throw new QudaoError('METADATA_INVALID', problemsToFieldErrors(problems));
}

const keyOf = (d: { kind: string; name: string }, layer: Layer) => `${d.kind}:${d.name}:${layer}`;

function withChanges(
  stored: StoredDocument[],
  documents: MetadataDoc[],
  remove: { kind: DocKind; name: string; layer?: Layer }[],
  layer: Layer,
): StoredDocument[] {
  const byKey = new Map(stored.map((d) => [keyOf(d, d.layer), d]));
  for (const doc of documents) {
    const version = (byKey.get(keyOf(doc, layer))?.version ?? 0) + 1;
    byKey.set(keyOf(doc, layer), { kind: doc.kind, name: doc.name, layer, version, body: doc, deleted: false });
  }
  for (const doc of remove) {
    const from = doc.layer ?? layer;
    const current = byKey.get(keyOf(doc, from));
    if (!current || current.deleted) {
      throw new QudaoError('DOCUMENT_NOT_FOUND', [], {
        'zh-CN': `${from} 层没有文档 ${doc.kind}:${doc.name}`,
        en: `There is no document ${doc.kind}:${doc.name} in the ${from} layer`,
      });
    }
    byKey.set(keyOf(doc, from), { ...current, version: current.version + 1, body: null, deleted: true });
  }
  return [...byKey.values()];
}

/** Only documents whose body changed get a new version, so re-deploying the same file is a no-op (jsonb reorders keys: compare deeply). */
function changedDocuments(stored: StoredDocument[], candidate: StoredDocument[]): StoredDocument[] {
  const before = new Map(stored.map((d) => [keyOf(d, d.layer), d]));
  return candidate.filter((d) => {
    const old = before.get(keyOf(d, d.layer));
    return !old || old.deleted !== d.deleted || !isDeepStrictEqual(old.body, d.body);
  });
}

function saveStep(doc: StoredDocument): PlanStep {
  const what = `${doc.kind}:${doc.name}`;
  return {
    kind: 'save_document',
    object: doc.kind === 'object' ? doc.name : ((doc.body as { object?: string } | null)?.object ?? doc.name),
    description: doc.deleted
      ? { 'zh-CN': `删除文档 ${what}（${doc.layer} 层；表与数据保留）`, en: `Delete document ${what} (${doc.layer} layer; tables and data are kept)` }
      : { 'zh-CN': `保存文档 ${what} 第 ${doc.version} 版（${doc.layer} 层）`, en: `Save document ${what} version ${doc.version} (${doc.layer} layer)` },
    sql: [],
  };
}

const objectsOf = (docs: MetadataDoc[]) => docs.filter((d): d is ObjectDoc => d.kind === 'object');

const toPublic = ({ kind, object, field, description, sql, risk }: PlanStep & { risk?: StepRisk }): PublicStep => ({
  kind,
  object,
  ...(field ? { field } : {}),
  description,
  sql,
  ...(risk ? { risk } : {}),
});
