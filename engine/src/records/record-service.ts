import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { COMPUTED_FIELD_TYPES } from '../../../metadata/src/types.ts';
import { QudaoError, type FieldError } from '../errors/catalog.ts';
import type { BeforeWriteEvent } from '../plugin-api.ts';
import type { ObjectRuntime, Registry } from '../registry.ts';
import { sequenceName } from '../schema-sync/names.ts';
import { RecordScope, type AccessMode } from '../security/record-scope.ts';
import { diffRecords, historyOf, replay, withEffects, type AccessContext, type HistoryEntry, type WriteContext } from './audit.ts';
import { fieldErrorFromDb } from './db-errors.ts';
import { expandLookups } from './expand.ts';
import { changedFileRefs, claimFileRefsOrThrow } from '../files/file-refs.ts';
import { computeFormulas } from './formulas.ts';
import { preloadRelated } from './related-preload.ts';
import { lockMasters, refreshRollups, touchedMasters } from './rollups.ts';
import { literalFits } from './filter-sql.ts';
import { listRecords, type ListQuery, type ListResult } from './list-query.ts';
import { withListView } from './list-views.ts';
import { ALWAYS_RETURNED, recordFromRow, rowFromValues, type RecordData } from './row-mapping.ts';

/** What a write's checks found: the validated values, the related records its expressions read, and its problems. */
interface CheckedWrite {
  values: RecordData;
  related: RecordData | undefined;
  errors: FieldError[];
}

/** What runs between validation and the write: the installed plugins' beforeWrite hooks. */
export interface WriteHooks {
  beforeWrite(event: Omit<BeforeWriteEvent, 'db'>, db: Knex): Promise<void>;
}

export interface ReadOptions {
  fields?: string[];
  expand?: string[];
  asOf?: string;
  includeDeleted?: boolean;
}

/**
 * Decides whether a record may be changed now beyond the principal's rights: a record pending approval is locked
 * (workflow/record-lock.ts). Throws to refuse; may answer a condition the write's own statement must still meet
 * (the record was not locked in between), a lost race being retried like a stale version.
 */
export interface RecordLock {
  assertWritable(db: Knex, object: ObjectRuntime, current: RecordData, changed: readonly string[], ctx: WriteContext): Promise<WriteGuard | undefined>;
}

/** A condition the write's UPDATE must still meet when it runs (bound values only). */
export interface WriteGuard {
  sql: string;
  bindings: Knex.RawBinding[];
}

/** Create, read, update, soft delete, restore, list and history of the records of every object. */
export class RecordService {
  private readonly byIdStatements = new WeakMap<ObjectRuntime, { live: string; any: string }>();
  private lock?: RecordLock;

  constructor(
    private readonly knex: Knex,
    private readonly registry: Registry,
    private readonly hooks: WriteHooks,
    private readonly options: { exactCountLimit: number },
  ) {}

  /** The same service working inside `trx`: its reads see, and its writes join, the caller's transaction. */
  inTransaction(trx: Knex.Transaction): RecordService {
    const bound = new RecordService(trx, this.registry, this.hooks, this.options);
    if (this.lock) bound.useLock(this.lock);
    return bound;
  }

  useLock(lock: RecordLock): void {
    this.lock = lock;
  }

  /** The record, if the principal may edit it (404 when it can't read it, 403 when it can read but not edit). */
  async getEditable(objectName: string, id: string, ctx: AccessContext): Promise<RecordData> {
    const scope = this.scope(ctx);
    const object = this.objectFor(scope, objectName, 'update');
    return scope.redact(object, await this.current(object, id, scope, 'edit', {}));
  }

  async create(objectName: string, input: unknown, ctx: WriteContext): Promise<RecordData> {
    const scope = this.scope(ctx);
    const object = this.objectFor(scope, objectName, 'create');
    const { values, related, ownerId, errors } = await this.checkCreate(scope, object, input, ctx);
    assertValid(errors);
    await this.hooks.beforeWrite({ object: object.name, action: 'create', values, actor: ctx.actor }, this.knex);
    const now = new Date().toISOString();
    const system = { id: uuidv7(), created_at: now, created_by: ctx.actor, updated_at: now, updated_by: ctx.actor, owner_id: ownerId, version: 1, deleted_at: null };
    const written = { ...values, ...(await this.autonumbers(object)) };
    const fields = { ...written, ...computeFormulas(object.formulas, { ...blankRecord(object), ...written, ...related }) };
    const expected = { ...blankRecord(object), ...system, ...fields };
    const [row] = await this.execute(object, [undefined, expected], (db) =>
      withEffects(db, db(object.table).insert({ ...system, ...rowFromValues(object, fields) }).returning(object.columns), object.name, 'create', diffRecords({}, expected), { ...ctx, at: now }),
    );
    return scope.redact(object, recordFromRow(object, row));
  }

  async get(objectName: string, id: string, options: ReadOptions, ctx: AccessContext): Promise<RecordData> {
    const scope = this.scope(ctx);
    const object = this.objectFor(scope, objectName, 'read');
    assertReadable(scope, object, 'fields', options.fields ?? []);
    const current = await this.current(object, id, scope, 'read', { includeDeleted: options.includeDeleted || options.asOf !== undefined });
    const record = options.asOf ? await this.asOf(object, id, options.asOf) : current;
    const [expanded] = await expandLookups(this.knex, scope, object, [pick(scope.redact(object, record), options.fields)], options.expand ?? []);
    return expanded;
  }

  async update(objectName: string, id: string, body: unknown, expectedVersion: number | undefined, ctx: WriteContext): Promise<RecordData> {
    const scope = this.scope(ctx);
    const object = this.objectFor(scope, objectName, 'update');
    const { patch, transfer, version } = await this.updateRequest(scope, object, body);
    return this.mutate(object, id, 'update', scope, ctx, { pinned: expectedVersion ?? parseVersion(version) }, async (current) => {
      const { values: validated, related, errors } = await this.checkUpdate(scope, object, patch, current);
      assertValid(errors);
      const values: RecordData = { ...validated, ...transfer };
      const changed = Object.keys(diffRecords(current, values));
      if (!changed.length) return undefined;
      const changedValues = Object.fromEntries(changed.map((k) => [k, values[k]]));
      await this.hooks.beforeWrite({ object: object.name, action: 'update', values: changedValues, current, actor: ctx.actor }, this.knex);
      const formulas = computeFormulas(object.formulas, { ...current, ...changedValues, ...related });
      return { ...changedValues, ...Object.fromEntries(Object.keys(diffRecords(current, formulas)).map((k) => [k, formulas[k]])) };
    });
  }

  /**
   * The problems a create of `input` (or, with `id`, an update of that record) would be refused with, found by the
   * same checks as the write (field checks, requiredWhen, validation rules, reachable lookups) without writing:
   * no autonumber is drawn and no beforeWrite hook runs. Refused (403/404) like the write itself.
   */
  async validate(objectName: string, input: unknown, id: string | undefined, ctx: WriteContext): Promise<FieldError[]> {
    const scope = this.scope(ctx);
    if (id === undefined) return (await this.checkCreate(scope, this.objectFor(scope, objectName, 'create'), input, ctx)).errors;
    const object = this.objectFor(scope, objectName, 'update');
    const { patch } = await this.updateRequest(scope, object, input);
    const current = await this.current(object, id, scope, 'edit', {});
    return (await this.checkUpdate(scope, object, patch, current)).errors;
  }

  async remove(objectName: string, id: string, ctx: WriteContext): Promise<RecordData> {
    const scope = this.scope(ctx);
    const object = this.objectFor(scope, objectName, 'delete');
    return this.mutate(object, id, 'delete', scope, ctx, {}, () => ({ deleted_at: new Date().toISOString() }));
  }

  async restore(objectName: string, id: string, ctx: WriteContext): Promise<RecordData> {
    const scope = this.scope(ctx);
    const object = this.objectFor(scope, objectName, 'delete');
    return this.mutate(object, id, 'restore', scope, ctx, { includeDeleted: true }, (current) =>
      current.deleted_at === null ? undefined : { deleted_at: null },
    );
  }

  async list(objectName: string, request: ListQuery, ctx: AccessContext): Promise<ListResult> {
    const scope = this.scope(ctx);
    const object = this.objectFor(scope, objectName, 'read');
    const query = withListView(request, object.name, (name) => this.registry.layout(name));
    assertReadable(scope, object, 'fields', query.fields ?? []);
    const result = await listRecords(this.knex, object, query, {
      exactCountLimit: this.options.exactCountLimit,
      objects: (name) => this.registry.object(name),
      scope,
    });
    result.data = await expandLookups(this.knex, scope, object, result.data.map((r) => scope.redact(object, r)), query.expand ?? []);
    return result;
  }

  /** The audit entries of a record the principal can read, each showing only the fields it can read. */
  async history(objectName: string, id: string, ctx: AccessContext): Promise<HistoryEntry[]> {
    const scope = this.scope(ctx);
    const object = this.objectFor(scope, objectName, 'read');
    await this.current(object, id, scope, 'read', { includeDeleted: true });
    const entries = await historyOf(this.knex, object.name, id);
    return entries.map((entry) => ({ ...entry, changes: scope.redact(object, entry.changes) as typeof entry.changes }));
  }

  /** The reach of a principal into the records, for this request. */
  scope(ctx: AccessContext): RecordScope {
    return new RecordScope(this.registry.access, ctx.principal, (name) => this.registry.object(name));
  }

  /** Everything a create checks before it writes; `errors` empty means the write may go ahead. */
  private async checkCreate(scope: RecordScope, object: ObjectRuntime, input: unknown, ctx: WriteContext): Promise<CheckedWrite & { ownerId: string | null }> {
    const { owner_id: owner, ...given } = scope.fillAccountLink(object, isPlainObject(input) ? input : {});
    assertEditable(scope, object, given);
    const ownerId = owner === undefined ? ctx.actor : await this.newOwner(scope, object, owner);
    const related = await this.related(object, given);
    const { values, errors } = object.validator.validateCreate(isPlainObject(input) ? given : input, related);
    return { values, related, ownerId, errors: errors.length ? errors : await this.unreachableLookups(scope, object, values) };
  }

  /** Everything an update of `current` with `patch` checks before its hooks and its write. */
  private async checkUpdate(scope: RecordScope, object: ObjectRuntime, patch: RecordData, current: RecordData): Promise<CheckedWrite> {
    const related = await this.related(object, { ...current, ...patch });
    const { values, errors } = object.validator.validateUpdate(patch, current, related);
    return { values, related, errors: errors.length ? errors : await this.unreachableLookups(scope, object, patch) };
  }

  /** A PATCH body: the field values, an owner transfer, the version the client read. */
  private async updateRequest(scope: RecordScope, object: ObjectRuntime, body: unknown): Promise<{ patch: RecordData; transfer: RecordData; version: unknown }> {
    const { version, owner_id: owner, ...patch } = assertObject(body);
    assertEditable(scope, object, patch);
    const transfer = owner === undefined ? {} : { owner_id: await this.newOwner(scope, object, owner) };
    return { patch, transfer, version };
  }

  /** An object the principal can't read is, to it, an object that doesn't exist; one it can read but not change answers 403. */
  private objectFor(scope: RecordScope, objectName: string, right: 'read' | 'create' | 'update' | 'delete'): ObjectRuntime {
    const object = this.registry.objectOrThrow(objectName);
    if (!scope.can(object, 'read')) throw this.registry.unknownObject(objectName);
    if (!scope.can(object, right)) throw forbidden(object, right);
    return object;
  }

  /** The record, if the principal may read (or edit) it; otherwise the same 404 as a record that doesn't exist. */
  private async current(object: ObjectRuntime, id: string, scope: RecordScope, mode: AccessMode, options: { includeDeleted?: boolean }): Promise<RecordData> {
    assertUuid(object, id);
    const visible = scope.rows(object, 'read');
    const editable = mode === 'edit' ? scope.rows(object, 'edit') : null;
    // One statement: the row if readable, and whether it is editable too (a column over the same alias `t`).
    const byId = this.byIdSql(object, Boolean(options.includeDeleted));
    const sql = `${editable ? `select (${editable.sql}) as qd_can_edit, ${byId.slice('select '.length)}` : byId}${visible ? ` AND (${visible.sql})` : ''}`;
    const { rows } = await this.knex.raw(sql, [...(editable?.bindings ?? []), id, ...(visible?.bindings ?? [])] as Knex.RawBinding[]);
    if (!rows.length) throw recordNotFound(object, id);
    if (editable && rows[0].qd_can_edit !== true) throw forbidden(object, 'update');
    return recordFromRow(object, rows[0]);
  }

  /**
   * `owner_id` in a write hands the record to another user: only a principal that may modify every record of the
   * object may, and only to an active user.
   */
  private async newOwner(scope: RecordScope, object: ObjectRuntime, owner: unknown): Promise<string> {
    if (!scope.can(object, 'modifyAll')) {
      throw new QudaoError('FORBIDDEN', [{ field: 'owner_id', rule: 'not_editable', message: { 'zh-CN': '你没有转移记录所有者的权限', en: 'you may not change the owner of a record' } }]);
    }
    const found = typeof owner === 'string' && UUID.test(owner) && await this.knex('qd_users').where({ id: owner, active: true }).first('id');
    if (!found) {
      throw new QudaoError('RECORD_INVALID', [{ field: 'owner_id', rule: 'not_found', message: { 'zh-CN': '所有者须是有效的用户', en: 'the owner must be an active user' } }]);
    }
    return owner as string;
  }

  /**
   * A lookup may only point at a record the principal can read: otherwise a write could link to, and through
   * formulas and rules read from, a record it can't see. One query per lookup written.
   */
  private async unreachableLookups(scope: RecordScope, object: ObjectRuntime, values: RecordData): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const emptied = scope.emptiedAccountLink(object, values);
    if (emptied) errors.push({ field: emptied, rule: 'required', message: { 'zh-CN': '门户用户的记录须关联其经销商', en: "a portal user's record must stay linked to its dealer" } });
    for (const field of object.fieldList) {
      const id = values[field.name];
      if ((field.type !== 'lookup' && field.type !== 'master_detail') || typeof id !== 'string') continue;
      const target = this.registry.object(field.target ?? '');
      const visible = target ? scope.visibleRows(target, 't') : null;
      if (!target || visible === null) continue;
      const { rows } = await this.knex.raw(`SELECT 1 FROM ?? AS t WHERE t.id = ? AND (${visible.sql})`, [target.table, id, ...visible.bindings] as Knex.RawBinding[]);
      if (!rows.length) {
        errors.push({ field: field.name, rule: 'not_found', message: { 'zh-CN': `找不到 id 为 ${id} 的${target.doc.label['zh-CN']}`, en: `there is no ${target.doc.label.en} with id ${id}` } });
      }
    }
    return errors;
  }

  /** Read by id is the hottest query: its SQL is built once per object version, not per request. */
  private byIdSql(object: ObjectRuntime, includeDeleted: boolean): string {
    let cached = this.byIdStatements.get(object);
    if (!cached) {
      const select = () => this.knex({ t: object.table }).select(object.columns).where('id', this.knex.raw('?'));
      cached = { live: select().whereNull('deleted_at').toQuery(), any: select().toQuery() };
      if (!cached.any.startsWith('select ')) throw new Error(`unexpected SQL for ${object.name}: ${cached.any}`);
      this.byIdStatements.set(object, cached);
    }
    return includeDeleted ? cached.any : cached.live;
  }

  private async asOf(object: ObjectRuntime, id: string, asOf: string): Promise<RecordData> {
    assertUuid(object, id);
    const at = new Date(asOf);
    if (!literalFits('datetime', asOf) || Number.isNaN(at.getTime())) {
      throw new QudaoError('BAD_REQUEST', [
        { field: 'asOf', rule: 'format', message: { 'zh-CN': 'asOf 必须是 ISO 8601 时间', en: 'asOf must be an ISO 8601 timestamp' } },
      ]);
    }
    const record = replay(await historyOf(this.knex, object.name, id, at.toISOString()));
    if (!record) throw recordNotFound(object, id);
    // The audit stores changes only, so a value that was never set is absent from the replay: it was null.
    return { ...blankRecord(object), ...pick(record, object.columns) };
  }

  /**
   * Optimistic concurrency without a transaction: read, decide, then write only if the version is still the one
   * read. A client that pinned a version gets 409 when it moved; otherwise a lost race is retried.
   */
  private async mutate(
    object: ObjectRuntime,
    id: string,
    action: 'update' | 'delete' | 'restore',
    scope: RecordScope,
    ctx: WriteContext,
    options: { pinned?: number; includeDeleted?: boolean },
    decide: (current: RecordData) => RecordData | undefined | Promise<RecordData | undefined>,
  ): Promise<RecordData> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.current(object, id, scope, 'edit', { includeDeleted: options.includeDeleted });
      if (options.pinned !== undefined && options.pinned !== current.version) throw versionConflict(scope.redact(object, current));
      const values = await decide(current);
      if (!values) return scope.redact(object, current);
      const guard = await this.lock?.assertWritable(this.knex, object, current, Object.keys(values), ctx);
      const written = await this.applyChange(object, current, values, action, ctx, guard);
      if (written) return scope.redact(object, written);
      if (options.pinned !== undefined || attempt === MAX_WRITE_ATTEMPTS) {
        throw versionConflict(scope.redact(object, await this.current(object, id, scope, 'read', { includeDeleted: true })));
      }
    }
  }

  private async applyChange(
    object: ObjectRuntime,
    current: RecordData,
    values: RecordData,
    action: 'update' | 'delete' | 'restore',
    ctx: WriteContext,
    guard?: WriteGuard,
  ): Promise<RecordData | undefined> {
    const stamp = { version: (current.version as number) + 1, updated_at: new Date().toISOString(), updated_by: ctx.actor };
    const expected = { ...current, ...values, ...stamp };
    const [row] = await this.execute(object, [current, expected], (db) => {
      const write = db(object.table)
        .where({ id: current.id as string, version: current.version as number })
        .modify((q) => { if (guard) q.whereRaw(guard.sql, guard.bindings); })
        .update({ ...rowFromValues(object, values), ...stamp })
        .returning(object.columns);
      return withEffects(db, write, object.name, action, diffRecords(current, expected), { ...ctx, at: stamp.updated_at });
    });
    return row && recordFromRow(object, row);
  }

  /** The related records the object's expressions read, in one query; nothing when they read none. */
  private async related(object: ObjectRuntime, record: RecordData): Promise<RecordData | undefined> {
    if (!object.relatedPaths.size) return undefined;
    return preloadRelated(this.knex, this.registry.objectDocs(), object.doc, object.relatedPaths, record);
  }

  private async autonumbers(object: ObjectRuntime): Promise<RecordData> {
    const values: RecordData = {};
    for (const field of object.fieldList.filter((f) => f.type === 'autonumber')) {
      const { rows } = await this.knex.raw('SELECT nextval(?::regclass) AS n', [`data.${sequenceName(object.name, field.name)}`]);
      values[field.name] = formatAutonumber(field.format ?? '{000000}', Number(rows[0].n));
    }
    return values;
  }

  /**
   * Runs one write statement; unique and foreign-key violations come back as field errors. A write that changes
   * rollups of master records runs in a transaction that locks those masters first and refreshes their rollups
   * after, so concurrent detail writes never lose a count or a sum. A write that sets file or image fields attaches
   * those files in the same transaction (or is refused, 422, for a file its writer may not use).
   */
  private async execute(
    object: ObjectRuntime,
    [before, after]: [RecordData | undefined, RecordData],
    statement: (db: Knex | Knex.Transaction) => Knex.QueryBuilder,
  ): Promise<RecordData[]> {
    try {
      const files = changedFileRefs(object.fieldList, before, after);
      if (!object.rollupTargets.length && !files.length) return await statement(this.knex);
      return await this.knex.transaction(async (trx) => {
        const masters = touchedMasters(object.rollupTargets, before, after);
        await lockMasters(trx, masters);
        const rows: RecordData[] = await statement(trx);
        if (rows.length) await refreshRollups(trx, object.rollupTargets, masters);
        if (rows.length) await claimFileRefsOrThrow(trx, object.name, after.id as string, files, after.updated_by as string | null);
        return rows;
      });
    } catch (error) {
      throw fieldErrorFromDb(object, error) ?? error;
    }
  }
}

export function formatAutonumber(format: string, n: number): string {
  return format.replace(/\{(0+)\}/, (_, zeros: string) => String(n).padStart(zeros.length, '0'));
}

const MAX_WRITE_ATTEMPTS = 5;

const blankRecord = (object: ObjectRuntime): RecordData => Object.fromEntries(object.columns.map((c) => [c, null]));

function pick(record: RecordData, fields: readonly string[] | undefined): RecordData {
  if (!fields) return record;
  return Object.fromEntries(Object.entries(record).filter(([k]) => ALWAYS_RETURNED.has(k) || fields.includes(k)));
}

/** Fields the principal may not set are refused by name (system and computed fields, by the validator, for everyone). */
function assertEditable(scope: RecordScope, object: ObjectRuntime, values: RecordData): void {
  const settable = (name: string) => !COMPUTED_FIELD_TYPES.has(object.fields.get(name)!.type);
  const refused = Object.keys(values).filter((name) => object.fields.has(name) && settable(name) && !scope.canEdit(object, name));
  if (!refused.length) return;
  throw new QudaoError('FORBIDDEN', refused.map((name) => ({
    field: name,
    rule: 'not_editable',
    message: { 'zh-CN': `你没有修改字段 ${name} 的权限`, en: `you may not set the field ${name}` },
  })));
}

/** Naming a field the principal can't read is answered like naming one that doesn't exist. */
function assertReadable(scope: RecordScope, object: ObjectRuntime, param: string, names: readonly string[]): void {
  const unknown = names.filter((name) => !scope.canRead(object, name));
  if (!unknown.length) return;
  throw new QudaoError('BAD_REQUEST', unknown.map((name) => ({
    field: param,
    rule: 'unknown_field',
    message: { 'zh-CN': `${object.name} 没有字段 ${name}`, en: `${object.name} has no field ${name}` },
  })));
}

function forbidden(object: ObjectRuntime, right: string): QudaoError {
  const verbs: Record<string, [string, string]> = {
    create: ['新建', 'create'], update: ['修改', 'change'], delete: ['删除', 'delete'], read: ['查看', 'read'],
  };
  const [zh, en] = verbs[right] ?? [right, right];
  return new QudaoError('FORBIDDEN', [], {
    'zh-CN': `你没有${zh}${object.doc.label['zh-CN']}的权限`,
    en: `you may not ${en} ${object.doc.label.en} records`,
  });
}

function assertValid(errors: FieldError[]): void {
  if (errors.length) throw new QudaoError('RECORD_INVALID', errors);
}

const isPlainObject = (value: unknown): value is RecordData => typeof value === 'object' && value !== null && !Array.isArray(value);

function assertObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new QudaoError('RECORD_INVALID', [
      { field: '', rule: 'not_an_object', message: { 'zh-CN': '请求体必须是 JSON 对象', en: 'The body must be a JSON object' } },
    ]);
  }
  return body as Record<string, unknown>;
}

function parseVersion(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const version = Number(value);
  if (!Number.isInteger(version)) {
    throw new QudaoError('RECORD_INVALID', [
      { field: 'version', rule: 'type', message: { 'zh-CN': 'version 必须是整数', en: 'version must be an integer' } },
    ]);
  }
  return version;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertUuid(object: ObjectRuntime, id: string): void {
  if (!UUID.test(id)) throw recordNotFound(object, id);
}

function recordNotFound(object: ObjectRuntime, id: string): QudaoError {
  return new QudaoError('RECORD_NOT_FOUND', [], {
    'zh-CN': `${object.doc.label['zh-CN']}中没有 id 为 ${id} 的记录`,
    en: `${object.doc.label.en} has no record with id ${id}`,
  });
}

function versionConflict(current: RecordData): QudaoError {
  return new QudaoError(
    'VERSION_CONFLICT',
    [{ field: 'version', rule: 'stale', message: { 'zh-CN': `记录当前为第 ${current.version} 版`, en: `The record is at version ${current.version}` } }],
    undefined,
    { currentVersion: current.version, current },
  );
}
