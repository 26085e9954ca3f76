import type { Knex } from 'knex';
import { effectiveDocuments } from '../../metadata/src/effective.ts';
import { MetadataStore } from '../../metadata/src/store.ts';
import { isReadFormula, SYSTEM_FIELDS, type FieldDef, type LayoutDoc, type MetadataDoc, type ObjectDoc, type ValidationRuleDoc } from '../../metadata/src/types.ts';
import { QudaoError } from './errors/catalog.ts';
import { AccessModel } from './security/access-model.ts';
import { compileFormulas } from './records/formulas.ts';
import { relatedPaths, type RelatedPaths } from './records/related-preload.ts';
import { rollupTargetsByDetail, type RollupTarget } from './records/rollups.ts';
import { buildRecordValidator, type RecordValidator } from './records/record-validator.ts';
import { foreignKeyName, indexName, tableName } from './schema-sync/names.ts';
import { desiredIndexes } from './schema-sync/indexes.ts';

/** One object as the runtime needs it: compiled once per deploy, read on every request without a query. */
export class ObjectRuntime {
  readonly name: string;
  readonly table: string;
  readonly fields: ReadonlyMap<string, FieldDef>;
  readonly fieldList: readonly FieldDef[];
  /** The fields that have a column: all but formulas computed on read. */
  readonly storedFields: readonly FieldDef[];
  /** Every column a full read selects: the system columns, then the stored fields. */
  readonly columns: readonly string[];
  /** Constraint name → the field it guards, to turn unique and foreign-key violations into field errors. */
  readonly constraintFields: ReadonlyMap<string, string[]>;
  private validatorCache?: RecordValidator;
  private formulasCache?: ReturnType<typeof compileFormulas>;
  private readFormulasCache?: ReturnType<typeof compileFormulas>;
  private relatedCache?: RelatedPaths;

  constructor(
    readonly doc: ObjectDoc,
    readonly rules: readonly ValidationRuleDoc[],
    /** The rollups of other objects that this object's writes change. */
    readonly rollupTargets: readonly RollupTarget[] = [],
  ) {
    this.name = doc.name;
    this.table = tableName(doc.name);
    this.fieldList = doc.fields.filter((f) => !f.removed);
    this.storedFields = this.fieldList.filter((f) => !isReadFormula(f));
    this.columns = [...SYSTEM_FIELDS, ...this.storedFields.map((f) => f.name)];
    this.fields = new Map(this.fieldList.map((f) => [f.name, f]));
    this.constraintFields = new Map([
      ...desiredIndexes(doc).filter((i) => i.unique).map((i) => [indexName(doc.name, i.fields, true), i.fields] as [string, string[]]),
      ...this.fieldList.map((f) => [foreignKeyName(doc.name, f.name), [f.name]] as [string, string[]]),
    ]);
  }

  get validator(): RecordValidator {
    this.validatorCache ??= buildRecordValidator(this.doc, this.rules);
    return this.validatorCache;
  }

  /** What the object's rules, formulas and conditions read through its lookups. */
  get relatedPaths(): RelatedPaths {
    this.relatedCache ??= relatedPaths(this.doc, this.rules);
    return this.relatedCache;
  }

  /** Stored formulas in evaluation order. */
  get formulas(): ReturnType<typeof compileFormulas> {
    this.formulasCache ??= compileFormulas(this.storedFields);
    return this.formulasCache;
  }

  /** Formulas computed when a record is read, in evaluation order. */
  get readFormulas(): ReturnType<typeof compileFormulas> {
    this.readFormulasCache ??= compileFormulas(this.fieldList.filter(isReadFormula));
    return this.readFormulasCache;
  }
}

/** The effective metadata of this engine instance, reloaded after every deploy (its own or another instance's). */
export class Registry {
  private objects = new Map<string, ObjectRuntime>();
  private docs: MetadataDoc[] = [];
  private docsByName: ReadonlyMap<string, ObjectDoc> = new Map();
  private layouts: ReadonlyMap<string, LayoutDoc> = new Map();
  /** Roles, permission sets and sharing rules, compiled; replaced as a whole on reload. */
  access = new AccessModel();
  private readonly store: MetadataStore;
  private readonly reloadListeners: (() => Promise<void>)[] = [];

  constructor(private readonly knex: Knex) {
    this.store = new MetadataStore(knex);
  }

  /** Awaited after every reload, in order; a listener handles its own errors (the metadata is loaded either way). */
  onReload(listener: () => Promise<void>): void {
    this.reloadListeners.push(listener);
  }

  async reload(): Promise<void> {
    const docs = effectiveDocuments(await this.store.loadCurrent());
    const rules = docs.filter((d): d is ValidationRuleDoc => d.kind === 'validationRule');
    const objectDocs = docs.filter((d): d is ObjectDoc => d.kind === 'object');
    const rollups = rollupTargetsByDetail(objectDocs);
    const objects = new Map<string, ObjectRuntime>();
    for (const doc of objectDocs) {
      objects.set(doc.name, new ObjectRuntime(doc, rules.filter((r) => r.object === doc.name), rollups.get(doc.name)));
    }
    this.docs = docs;
    this.docsByName = new Map(objectDocs.map((d) => [d.name, d]));
    this.layouts = new Map(docs.filter((d): d is LayoutDoc => d.kind === 'layout').map((d) => [d.name, d]));
    this.objects = objects;
    this.access = new AccessModel(docs);
    for (const listener of this.reloadListeners) await listener();
  }

  documents(kind?: string): MetadataDoc[] {
    return kind ? this.docs.filter((d) => d.kind === kind) : this.docs;
  }

  /** Object definitions by name, for code that follows lookups. Built once per reload, not per write. */
  objectDocs(): ReadonlyMap<string, ObjectDoc> {
    return this.docsByName;
  }

  layout(name: string): LayoutDoc | undefined {
    return this.layouts.get(name);
  }

  layoutList(): LayoutDoc[] {
    return [...this.layouts.values()];
  }

  objectList(): ObjectRuntime[] {
    return [...this.objects.values()];
  }

  object(name: string): ObjectRuntime | undefined {
    return this.objects.get(name);
  }

  objectOrThrow(name: string): ObjectRuntime {
    const object = this.objects.get(name);
    if (!object) throw this.unknownObject(name);
    return object;
  }

  unknownObject(name: string): QudaoError {
    return new QudaoError('OBJECT_NOT_FOUND', [], { 'zh-CN': `没有名为 ${name} 的对象`, en: `There is no object named ${name}` });
  }
}
