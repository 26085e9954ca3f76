/**
 * Expressions that must run in the database (list views' filters, sharing rules' criteria, the conditions of
 * schedule automations, which select the records they run on) are compiled at deploy with the compiler list
 * requests use, against the metadata the deploy would leave, so a document that deploys never fails when it is used.
 */
import { inDocument } from '../../../metadata/src/problem.ts';
import type { JsonLogic, MetadataDoc, ObjectDoc, Problem } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import { compileFilter } from '../records/filter-sql.ts';
import { filterResolver } from '../records/list-query.ts';
import { ObjectRuntime } from '../registry.ts';

/** The objects a deploy would leave, as the runtime sees them; each built only when a filter names it. */
export class CandidateObjects {
  private readonly docs: ReadonlyMap<string, ObjectDoc>;
  private readonly built = new Map<string, ObjectRuntime>();

  constructor(documents: readonly MetadataDoc[]) {
    this.docs = new Map(documents.filter((d): d is ObjectDoc => d.kind === 'object').map((d) => [d.name, d]));
  }

  object(name: string): ObjectRuntime | undefined {
    const doc = this.docs.get(name);
    if (!doc) return undefined;
    let object = this.built.get(name);
    if (!object) {
      object = new ObjectRuntime(doc, []);
      this.built.set(name, object);
    }
    return object;
  }
}

/**
 * Problems of `expr` as a filter of `objectName`'s records: the part that can't run in the database, at
 * `path` + its pointer inside the expression, in the compiler's words. An unknown object is for the
 * document checks to report; it gives no problem here.
 */
export function checkFilterable(expr: JsonLogic, objectName: string, objects: CandidateObjects, path = ''): Problem[] {
  const object = objects.object(objectName);
  if (!object) return [];
  try {
    compileFilter(expr, filterResolver(object, (name) => objects.object(name)));
    return [];
  } catch (error) {
    if (!(error instanceof QudaoError) || error.code !== 'FILTER_INVALID') throw error;
    return error.errors.map((e) => ({ path: `${path}${e.field}`, code: e.rule, message: e.message }));
  }
}

/** Every filter of the documents that must run in the database. */
export function checkDocumentFilters(documents: readonly MetadataDoc[], objects: CandidateObjects): Problem[] {
  return documents.flatMap((doc) => {
    if (doc.kind === 'sharingRule' && doc.criteria !== undefined) {
      return inDocument(checkFilterable(doc.criteria, doc.object, objects, '/criteria'), doc);
    }
    if (doc.kind === 'automation' && doc.trigger.on === 'schedule' && doc.condition !== undefined) {
      return inDocument(checkFilterable(doc.condition, doc.object, objects, '/condition'), doc);
    }
    if (doc.kind !== 'layout') return [];
    return inDocument((doc.listViews ?? []).flatMap((view, i) =>
      view.filter === undefined ? [] : checkFilterable(view.filter, doc.object, objects, `/listViews/${i}/filter`)), doc);
  });
}
