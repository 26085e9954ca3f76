import type { Knex } from 'knex';
import { collectVars } from '../../../metadata/src/jsonlogic-vars.ts';
import type { AutomationDoc, JsonLogic } from '../../../metadata/src/types.ts';
import { expressionsOfActions } from '../actions/run-actions.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { ObjectRuntime, Registry } from '../registry.ts';
import type { RecordService } from '../records/record-service.ts';
import { pathsOfVars, preloadRelated } from '../records/related-preload.ts';
import type { RecordData } from '../records/row-mapping.ts';
import type { AccessContext } from '../security/principal.ts';

/**
 * The live record as the automation's condition and actions see it: read with `ctx`'s rights (the engine's), with
 * the related records they read through lookups preloaded in one query. Undefined when the record is gone or deleted.
 */
export async function loadAutomationRecord(
  db: Knex | Knex.Transaction, records: RecordService, registry: Registry, automation: AutomationDoc, object: ObjectRuntime, recordId: string, ctx: AccessContext,
): Promise<RecordData | undefined> {
  const record = await readLive(records, object.name, recordId, ctx);
  if (!record) return undefined;
  const expressions: JsonLogic[] = [...(automation.condition === undefined ? [] : [automation.condition]), ...expressionsOfActions(automation.actions)];
  const paths = pathsOfVars(object.doc, expressions.flatMap((e) => collectVars(e).map((v) => v.name)));
  return { ...record, ...(await preloadRelated(db as Knex, registry.objectDocs(), object.doc, paths, record)) };
}

async function readLive(records: RecordService, object: string, id: string, ctx: AccessContext): Promise<RecordData | undefined> {
  try {
    return await records.get(object, id, {}, ctx);
  } catch (error) {
    if (error instanceof QudaoError && error.code === 'RECORD_NOT_FOUND') return undefined;
    throw error;
  }
}
