/**
 * The public plugin API: the one module a plugin's code may import (the import rules enforce it).
 *
 *   import { definePlugin, reject } from '../../engine/src/plugin-api.ts';
 *   export default definePlugin({
 *     beforeWrite: { hospital: (event) => { event.values.name = event.values.name?.trim(); } },
 *   });
 *
 * Metadata first: a plugin's objects, rules and seed data are JSON documents named in its plugin.json;
 * code is only for what metadata can't say (a check digit, a normalisation, an integration).
 */
import regionData from '../../metadata/data/pca-code.json' with { type: 'json' };
import type { FieldDef, JsonLogic } from '../../metadata/src/types.ts';
import type { PageColumn, PageInput } from '../../metadata/src/ui-contract.ts';
import { QudaoError, type FieldError } from './errors/catalog.ts';
import type { PluginDb } from './plugins/plugin-sql.ts';
import type { Principal, WriteCause } from './security/principal.ts';

export { joinSql, sql, table, type PluginDb, type SqlColumn, type SqlQuery, type SqlTable } from './plugins/plugin-sql.ts';
/** Today on China's calendar (`yyyy-mm-dd`): the day validity dates (letters, licences, grants) are counted in. */
export { todayInChina } from './letters/letter-status.ts';

export type Label = { 'zh-CN': string; en: string };
export type RecordData = Record<string, unknown>;
export type { FieldError, Principal, WriteCause };

/** One GB/T 2260 division of `regionTree`: two-digit province, four-digit city, six-digit district codes (see metadata/data/README.md). */
export interface RegionDivision {
  code: string;
  name: string;
  children?: RegionDivision[];
}

/** China's administrative divisions, the platform's `region` field type's codes (vendored in metadata/data/). */
export const regionTree: readonly RegionDivision[] = regionData;

/** A record about to be written. `values` are the validated field values; a hook may change them. */
export interface BeforeWriteEvent {
  object: string;
  action: 'create' | 'update';
  /** The fields being written, validated and coerced. Assign to add or change a value (it is written as is). */
  values: RecordData;
  /** The stored record, on update. */
  current?: RecordData;
  actor: string | null;
  /** Read-only SQL over the plugin's own objects, in the write's transaction (see `sql`). */
  db: PluginDb;
}

/** A write that has committed. Runs from the outbox after the commit: it may fail and be retried, never undoes the write. */
export interface AfterCommitEvent {
  object: string;
  recordId: string;
  action: 'create' | 'update' | 'delete' | 'restore';
  changes: Record<string, { old: unknown; new: unknown }>;
  actor: string | null;
  /** Set when the write was made by automations: their names, outermost first (how loops are stopped). */
  cause?: WriteCause;
}

/** Verifiable letters (README "Letters and verification") of records the acting user can read. */
export interface LettersApi {
  /** Revokes every letter of the record at once (its authorization was withdrawn); answers the ids revoked. */
  revokeAll(object: string, recordId: string, reason: string): Promise<string[]>;
}

/** Read and write records as the acting user, through the same validation as the API. */
export interface RecordsApi {
  get(object: string, id: string): Promise<RecordData>;
  create(object: string, values: RecordData): Promise<RecordData>;
  update(object: string, id: string, values: RecordData): Promise<RecordData>;
}

export interface ActionContext {
  object: string;
  record: RecordData;
  /** The request body, if any; for an action declaring `input`, its validated and coerced values. */
  input: unknown;
  actor: string | null;
  /** Every write through `records`, `systemRecords` and `letters` joins one transaction: the action commits all of it or nothing. */
  records: RecordsApi;
  /** Like `records`, with the engine's rights (as a workflow's actions write): to move what users may only read, such as a status. Audited as the acting user. */
  systemRecords: RecordsApi;
  letters: LettersApi;
  /** Read-only SQL over the plugin's own objects (see `sql`). It reads past record visibility: the plugin decides what to answer. */
  db: PluginDb;
}

/**
 * What an action answers for a person to read: a message, and a list (conflicts found, records touched) each with a
 * title and a description. `data` carries anything else for API clients. Strings are shown as they are.
 */
export interface ActionAnswer {
  message?: Label | string;
  items?: { title: Label | string; description?: Label | string }[];
  data?: unknown;
}

/** An action as people meet it: a button with a label, the input it asks for, a confirmation, and when it is offered. */
export interface ActionDefinition {
  label: Label;
  run(context: ActionContext): Promise<ActionAnswer | unknown> | ActionAnswer | unknown;
  /** Fields asked before it runs, in the metadata's field shape; validated like a record's (422 naming each field). */
  input?: FieldDef[];
  /** Asked before it runs ("Revoke this authorization?"). */
  confirm?: Label;
  /** JsonLogic over the record: it is offered, and runs, only while this holds (422 otherwise). */
  when?: JsonLogic;
  /** Who may run it: those who may read the record (default), or only those who may update it. */
  requires?: 'read' | 'update';
  /** Only internal users: a dealer's portal users are refused (403) even where they may update the record. */
  internalOnly?: boolean;
}

/** A bare function is an action labelled with its name, no input, no condition. */
export type PluginAction = ActionDefinition | ((context: ActionContext) => Promise<unknown> | unknown);

/** A request to a plugin route; every such request is authenticated. */
export interface PluginRouteRequest {
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: unknown;
  /** The acting user's id (kept for compatibility: `principal.userId`). */
  actor: string | null;
  /** Who calls: user, kind (internal or portal), role, permission sets, a portal user's account. */
  principal: Principal;
  records: RecordsApi;
  letters: LettersApi;
  /** Read-only SQL over the plugin's own objects (see `sql`). It reads past record visibility: the plugin decides what to answer. */
  db: PluginDb;
}

export interface PluginRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Below `/api/plugins/<plugin name>/`, e.g. `lookup/:code`. */
  path: string;
  handler(request: PluginRouteRequest): Promise<unknown> | unknown;
  /** A GET route answering `{ data: [...] }` may be a page of runtime-ui too: a form over its query, a table of its rows. */
  page?: PluginPage;
}

/** A query page in runtime-ui's menu (at `/p/<plugin>/<route path>`): the inputs are the route's query parameters. */
export interface PluginPage {
  label: Label;
  inputs: PageInput[];
  columns: PageColumn[];
  empty?: Label;
  /** Who finds it in the menu: internal users (default) or portal users too. The route still decides what it answers. */
  audience?: 'internal' | 'everyone';
}
export type { PageColumn, PageInput };

/** A JsonLogic operator usable in rules, formulas and filters that run in JS (not in SQL filters). */
export type Operator = (...args: unknown[]) => unknown;

/**
 * Seed and demo data: rows in dependency order. `key` names a row so later rows can point at it: a lookup value
 * `{ "$ref": "<key>" }` becomes the id the engine gave that row. Rows go through the same validation as the API.
 */
export interface DataRow {
  object: string;
  key?: string;
  values: RecordData;
}

/**
 * A login that comes with demo data: every demo user gets QUDAO_DEMO_PASSWORD, or one random password that
 * `npm start` prints once. Its `key` lets later rows name it, e.g. as their owner: `"owner_id": { "$ref": key }`.
 */
export interface DemoUserRow {
  key?: string;
  user: {
    username: string;
    displayName: string;
    role: string;
    kind?: 'internal' | 'portal';
    /** A portal user's dealer (the portal account record): `{ "$ref": "<key of its row>" }`. */
    account?: { $ref: string };
  };
}

/** What a seed or demo module returns, in dependency order. */
export type DataItem = DataRow | DemoUserRow;

export interface PluginDefinition {
  /** Per object: awaited in plugin order before the write; may change `values` or veto with `reject()`. */
  beforeWrite?: Record<string, (event: BeforeWriteEvent) => void | Promise<void>>;
  /** Per object: after the write committed. */
  afterCommit?: Record<string, (event: AfterCommitEvent) => void | Promise<void>>;
  /** Per object, per action name: `POST /api/records/:object/:id/actions/:name`. */
  actions?: Record<string, Record<string, PluginAction>>;
  routes?: PluginRoute[];
  operators?: Record<string, Operator>;
}

/** Identity at run time; it gives a plugin's default export its type. */
export function definePlugin(definition: PluginDefinition): PluginDefinition {
  return definition;
}

/** Refuses a plugin route's request: the API answers 400 with these field errors. */
export function badRequest(errors: FieldError[]): never {
  throw new QudaoError('BAD_REQUEST', errors);
}

/** Vetoes a write: the API answers 422 with these field errors, and nothing is written. */
export function reject(errors: FieldError[]): never {
  throw new QudaoError('RECORD_INVALID', errors);
}
