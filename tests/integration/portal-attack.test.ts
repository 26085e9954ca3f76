/**
 * Issue 5, "tried as an attacker would". Portal users of dealer A — its owner (session cookie, and an API token it
 * made itself), a clerk, an owner given internal permission sets by mistake, a user whose permission set hides
 * fields — and the owner of A's level-2 dealer A2 try, for every object of the medical-device pack and every route,
 * to read, list, filter, expand, change, delete, restore, submit and export the rows of the other dealers (B, its
 * sub-dealer B2, the platform dealer P above A and B, an unrelated platform dealer C, A's own sub-dealer A2): by their
 * ids and by guessed ones, through lookup paths, negations, counts, the recycle bin, tampered cursors, list views,
 * past versions and history, and by sending fields they may not set. Products, hospitals and departments are a
 * catalogue portal users may read (a dealer names hospitals in its grants), so they are no secret here.
 *
 * A leak is an answer that shows a secret the request did not carry (an id, a name, a credit code, a phone...), a
 * listed row outside the attacker's dealer, a 2xx to a write that must be refused, a secret and a decoy that get
 * different answers, or (checked last) any change to the database. The issue wants the counts reported: the last
 * test prints `attempts: N, leaks: 0`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../engine/src/security/principal.ts';
import { creditCodeCheckCharacter } from '../../plugins/medical_dms/lib/uscc.ts';
import { Attacker, type Attempt, type Expectation, type Secret } from '../helpers/attacker.ts';
import { createUser, loginAs, startTestApp, type TestApp } from '../helpers/test-app.ts';

const PACK = path.resolve(import.meta.dirname, '../../plugins/medical_dms');
const PACK_OBJECTS = ['authorization_exclusion', 'dealer', 'dealer_authorization', 'dealer_contact', 'dealer_credit', 'department', 'hospital', 'product', 'product_line', 'qualification'];
/** The catalogue every portal user may read: products, and the hospitals and departments a dealer's grants name. */
const PUBLIC = new Set(['product', 'product_line', 'hospital', 'department']);
const TEXT_TYPES = new Set(['text', 'long_text', 'phone', 'email']);
const SYSTEM_VALUES = (userId: string): Record<string, unknown> => ({
  id: uuidv7(), owner_id: userId, created_by: userId, updated_by: userId, version: 7,
  deleted_at: '2020-01-01T00:00:00.000Z', created_at: '2020-01-01T00:00:00.000Z', updated_at: '2020-01-01T00:00:00.000Z',
});

type DealerKey = 'P' | 'C' | 'A' | 'B' | 'A2' | 'B2';
interface Seeded { object: string; id: string; dealer: DealerKey | null; values: Record<string, unknown>; deleted: boolean }

const DEALERS: { key: DealerKey; tier: string; parent?: DealerKey; n: number }[] = [
  { key: 'P', tier: 'platform', n: 1 }, { key: 'C', tier: 'platform', n: 2 },
  { key: 'A', tier: 'level_1', parent: 'P', n: 3 }, { key: 'B', tier: 'level_1', parent: 'P', n: 4 },
  { key: 'A2', tier: 'level_2', parent: 'A', n: 5 }, { key: 'B2', tier: 'level_2', parent: 'B', n: 6 },
];
const parentOf = (key: DealerKey) => DEALERS.find((d) => d.key === key)!.parent;
const tag = (key: string) => `K${key}X`;
const creditCode = (n: number) => {
  const first = `91330100MA2${String(n).padStart(6, '0')}`;
  return first + creditCodeCheckCharacter(first);
};

/** The attackers: who they are, how they sign in, what their permission sets hide from them or keep read-only. */
interface AttackerSpec {
  name: string;
  account: DealerKey;
  user: { role: string | null; permissionSets?: string[] };
  via: 'cookie' | 'own token' | 'token';
  /** How many rows of each object to aim at, and how many of their fields to filter on (the first attacker goes widest). */
  breadth: number;
  hidden?: Record<string, string[]>;
  /** Fields of its own dealer it may read but not change. */
  readOnly: string[];
}
const DEALER_FIELDS = ['name', 'credit_code', 'tier', 'parent', 'status', 'channel_manager', 'region', 'address'];
const NARROW_HIDDEN = { dealer: ['credit_code', 'address'], dealer_contact: ['phone', 'email'], qualification: ['number', 'issuer'] };
/** What the pack's portal_dealer set keeps read-only on the dealer. */
const OWNER_READ_ONLY = Object.entries((JSON.parse(fs.readFileSync(path.join(PACK, 'access/permission-set.portal_dealer.json'), 'utf8')) as {
  fields: { dealer: Record<string, string> };
}).fields.dealer).filter(([, level]) => level === 'read').map(([field]) => field);
const ATTACKERS: AttackerSpec[] = [
  { name: 'owner_a', account: 'A', user: { role: 'dealer_owner' }, via: 'cookie', breadth: 4, readOnly: OWNER_READ_ONLY },
  { name: 'owner_a_token', account: 'A', user: { role: 'dealer_owner' }, via: 'own token', breadth: 1, readOnly: OWNER_READ_ONLY },
  { name: 'clerk_a', account: 'A', user: { role: 'dealer_clerk' }, via: 'cookie', breadth: 1, readOnly: DEALER_FIELDS },
  {
    // Internal permission sets given to a portal user by mistake: it may change its own dealer as they allow, nothing beyond.
    name: 'greedy_a', account: 'A', via: 'cookie', breadth: 2, readOnly: [],
    user: { role: 'dealer_owner', permissionSets: ['finance', 'compliance_review', 'order_desk', 'master_data_read', 'channel_sales', 'service'] },
  },
  { name: 'narrow_a', account: 'A', user: { role: null, permissionSets: ['attack_narrow'] }, via: 'cookie', breadth: 1, hidden: NARROW_HIDDEN, readOnly: DEALER_FIELDS },
  { name: 'owner_a2', account: 'A2', user: { role: 'dealer_owner' }, via: 'token', breadth: 2, readOnly: OWNER_READ_ONLY },
];

/** A permission set that reads A's rows but hides some of their fields (the pack's portal sets hide none). */
const NARROW_SET = {
  kind: 'permissionSet', name: 'attack_narrow', label: { 'zh-CN': '门户：受限', en: 'Portal: narrow' },
  objects: { dealer: { read: true }, dealer_contact: { read: true, update: true }, qualification: { read: true }, product: { read: true } },
  fields: {
    dealer: { credit_code: 'none', address: 'none' },
    dealer_contact: { phone: 'none', email: 'none' },
    qualification: { number: 'none', issuer: 'none' },
  },
};

let app: TestApp;
const seeded: Seeded[] = [];
const dealerId = {} as Record<DealerKey, string>;
let portalB: { id: string; token: string; tokenId: string };
let before: Snapshot;
const results: { name: string; attempts: number; leaks: string[]; problems: string[] }[] = [];

async function admin(method: 'POST' | 'DELETE' | 'PUT', url: string, payload?: unknown) {
  const res = await app.server.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown>;
}

async function seed(object: string, dealer: DealerKey | null, values: Record<string, unknown>, deleted = false): Promise<Seeded> {
  const record = await admin('POST', `/api/records/${object}`, values);
  if (deleted) await admin('DELETE', `/api/records/${object}/${record.id}`);
  const row = { object, id: record.id as string, dealer, values, deleted };
  seeded.push(row);
  return row;
}

async function seedEverything(): Promise<void> {
  for (const d of DEALERS) {
    const row = await seed('dealer', d.key, {
      name: `${d.key}医疗器械有限公司·${tag(d.key)}`, credit_code: creditCode(d.n), tier: d.tier, status: 'active', status_requested: 'suspended',
      channel_manager: `经理·${tag(d.key)}`, region: '330106', address: `杭州市文三路${d.n}号·${tag(d.key)}`,
      ...(d.parent ? { parent: dealerId[d.parent] } : {}),
    });
    dealerId[d.key] = row.id;
  }
  for (const d of DEALERS) {
    const dealer = dealerId[d.key];
    for (const i of [1, 2, 3]) {
      await seed('dealer_contact', d.key, {
        dealer, name: `联系人${i}·${tag(d.key)}`, title: `职务${i}·${tag(d.key)}`, phone: `+86 571 ${8800 + d.n * 10 + i}-${1000 + d.n * 10 + i}`,
        email: `c${i}.${tag(d.key).toLowerCase()}@dealer.example.cn`, is_primary: i === 1,
      }, i === 3);
    }
    await seed('dealer_credit', d.key, { dealer, selling_entity: `销售主体·${tag(d.key)}`, credit_limit: 100000 + d.n, payment_terms_days: 30 + d.n });
    for (const i of [1, 2]) {
      await seed('qualification', d.key, {
        dealer, type: 'operation_licence', number: `浙杭药监械经营许${d.n}${i}·${tag(d.key)}`, scope_classes: ['II', 'III'],
        valid_from: '2024-01-01', valid_to: '2029-12-31', issuer: `市场监督管理局${i}·${tag(d.key)}`,
      });
    }
  }
  for (const i of [1, 2]) {
    const hospital = await seed('hospital', null, { name: `第${i}人民医院·KH${i}X`, level: '3A', address: `医院路${i}号·KH${i}X` });
    await seed('department', null, { name: `检验科${i}·KD${i}X`, hospital: hospital.id, code: `D-KD${i}X` });
  }
  const line = await seed('product_line', null, { name: '体外诊断·KLX', code: 'IVD-KLX', description: '产品线·KLX' });
  const products: Seeded[] = [];
  for (const i of [1, 2]) {
    products.push(await seed('product', null, { name: `试剂盒${i}·KRX`, model_spec: `规格${i}·KRX`, product_line: line.id, device_class: 'II', unit: '盒' }));
  }
  const hospital = seeded.find((r) => r.object === 'hospital')!;
  for (const d of DEALERS) {
    const dealer = dealerId[d.key];
    await seed('dealer_authorization', d.key, {
      dealer, product: products[0].id, hospital: hospital.id, kind: 'tender', tender_number: `ZB-${d.n}·${tag(d.key)}`,
      valid_from: '2026-01-01', valid_to: '2026-12-31', exclusive: false, channel_manager: `经理·${tag(d.key)}`,
    });
    const regional = await seed('dealer_authorization', d.key, {
      dealer, product_line: line.id, region: '330100', kind: 'annual', valid_from: '2026-01-01', valid_to: '2026-12-31',
      channel_manager: `区域经理·${tag(d.key)}`,
    });
    await seed('authorization_exclusion', d.key, { dealer_authorization: regional.id, hospital: hospital.id });
  }
}

// ---------------------------------------------------------------------------------------------------------
// What each attacker may see, and therefore what it must not.
// ---------------------------------------------------------------------------------------------------------

const idOf = (value: unknown): unknown => (typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value);

/** Whether a row (as listed) is within reach of a portal user of `account`; a row listed without its dealer, by its id. */
function reaches(account: DealerKey, object: string, row: Record<string, unknown>): boolean {
  if (PUBLIC.has(object)) return true;
  if (object === 'dealer') return row.id === dealerId[account];
  if ('dealer' in row) return idOf(row.dealer) === dealerId[account];
  const known = seeded.find((r) => r.id === row.id);
  return known !== undefined && known.dealer === account;
}

/** A seeded row a portal user of the spec's dealer may read: the public catalogue, its dealer and that dealer's rows. */
const visibleTo = (spec: AttackerSpec, row: Seeded) => PUBLIC.has(row.object) || row.dealer === spec.account;

function lookupIds(row: Seeded): string[] {
  const object = app.registry.object(row.object)!;
  return object.fieldList.filter((f) => f.type === 'lookup' || f.type === 'master_detail').map((f) => row.values[f.name]).filter((v): v is string => typeof v === 'string');
}

function secretsOf(spec: AttackerSpec): Secret[] {
  const secrets: Secret[] = [{ value: portalB.id, what: "the id of dealer B's portal user" }, { value: 'owner_b', what: "the name of dealer B's portal user" }];
  // The attacker's own rows name other records in their lookups (its dealer's parent, the hospital an authorization is
  // for): those ids are the attacker's to see, the named records' data is not.
  const named = new Set(seeded.filter((row) => visibleTo(spec, row)).flatMap((row) => lookupIds(row)));
  for (const row of seeded) {
    const object = app.registry.object(row.object)!;
    const hidden = visibleTo(spec, row) ? spec.hidden?.[row.object] ?? [] : undefined;
    const what = (field: string) => `${row.object}.${field} of ${row.dealer ?? row.object} (${row.id})`;
    if (hidden === undefined && !named.has(row.id)) secrets.push({ value: row.id, what: what('id') });
    for (const field of object.fieldList) {
      const value = row.values[field.name];
      if (typeof value !== 'string' || !TEXT_TYPES.has(field.type)) continue;
      if (hidden === undefined || hidden.includes(field.name)) secrets.push({ value, what: what(field.name) });
    }
  }
  return secrets;
}

/** The rows an attack aims at, for each object: the parent dealer's first, then B's, the sub-dealer's, B2's; the hospitals'. */
function targetsOf(spec: AttackerSpec, object: string): Seeded[] {
  const order: DealerKey[] = [parentOf(spec.account)!, 'B', spec.account === 'A' ? 'A2' : 'B2', 'B2', 'C'];
  const rows = seeded.filter((r) => r.object === object && !visibleTo(spec, r));
  if (object === 'hospital' || object === 'department') return rows.slice(0, spec.breadth);
  return order.map((key) => rows.find((r) => r.dealer === key && !r.deleted)).filter((r): r is Seeded => r !== undefined).slice(0, spec.breadth);
}

const ownRows = (spec: AttackerSpec, object: string) => seeded.filter((r) => r.object === object && visibleTo(spec, r) && !r.deleted);

// ---------------------------------------------------------------------------------------------------------
// The attacks.
// ---------------------------------------------------------------------------------------------------------

const q = (value: unknown) => encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));
const list = (object: string, params: string) => `/api/records/${object}?limit=500&${params}`;
const get: (url: string) => Attempt = (url) => ({ method: 'GET', url });
const decoyText = (value: string) => `${value.slice(0, 2)}·诱饵·${value.length}`;
const READ_STATUSES = [200, 400, 404];
const REFUSED: Expectation = { refused: true, statuses: [400, 403, 404, 409, 422] };

/** Every lookup field of the object, with the object it points at. */
const lookupsOf = (object: string) =>
  app.registry.object(object)!.fieldList.filter((f) => f.type === 'lookup' || f.type === 'master_detail').map((f) => ({ name: f.name, target: f.target! }));
const textFieldsOf = (object: string) => app.registry.object(object)!.fieldList.filter((f) => TEXT_TYPES.has(f.type)).map((f) => f.name);

async function byIdAttacks(att: Attacker, object: string, target: Seeded): Promise<void> {
  const guess = uuidv7();
  const pair = (label: string, build: (id: string) => Attempt, expectation: Expectation) =>
    att.oracle(`${object} ${label}`, build(target.id), build(guess), expectation);
  const notFound: Expectation = { statuses: [404] };
  const text = textFieldsOf(object)[0];
  const lookup = lookupsOf(object)[0];
  await pair('get', (id) => get(`/api/records/${object}/${id}`), notFound);
  await pair('get from the recycle bin', (id) => get(`/api/records/${object}/${id}?deleted=true`), notFound);
  await pair('get as of now', (id) => get(`/api/records/${object}/${id}?asOf=${q(new Date().toISOString())}`), notFound);
  await pair('get as of long ago', (id) => get(`/api/records/${object}/${id}?asOf=2000-01-01T00:00:00Z`), notFound);
  await pair('get its id only', (id) => get(`/api/records/${object}/${id}?fields=id`), notFound);
  if (lookup) await pair(`get expanding ${lookup.name}`, (id) => get(`/api/records/${object}/${id}?expand=${lookup.name}`), notFound);
  await pair('history', (id) => get(`/api/records/${object}/${id}/history`), notFound);
  await pair('update', (id) => ({ method: 'PATCH', url: `/api/records/${object}/${id}`, payload: { [text]: '改掉·pwned' } }), REFUSED);
  await pair('update at a pinned version', (id) => ({ method: 'PATCH', url: `/api/records/${object}/${id}`, payload: { [text]: '改掉·pwned', version: 1 } }), REFUSED);
  await pair('update with If-Match', (id) => ({ method: 'PATCH', url: `/api/records/${object}/${id}`, payload: { [text]: '改掉·pwned' }, extraHeaders: { 'if-match': '"1"' } }), REFUSED);
  await pair('delete', (id) => ({ method: 'DELETE', url: `/api/records/${object}/${id}` }), REFUSED);
  await pair('restore', (id) => ({ method: 'POST', url: `/api/records/${object}/${id}/restore` }), REFUSED);
  await pair('submit (action)', (id) => ({ method: 'POST', url: `/api/records/${object}/${id}/actions/submit`, payload: {} }), REFUSED);
  await pair('approve (action)', (id) => ({ method: 'POST', url: `/api/records/${object}/${id}/actions/approve`, payload: {} }), REFUSED);
  await pair('submit', (id) => ({ method: 'POST', url: `/api/records/${object}/${id}/submit`, payload: {} }), REFUSED);
  await pair('export one', (id) => get(`/api/records/${object}/${id}/export`), { statuses: [404] });
  // The id of another object's record, asked of this object.
  const other = PACK_OBJECTS[(PACK_OBJECTS.indexOf(object) + 1) % PACK_OBJECTS.length];
  await att.oracle(`${other} get by a ${object} id`, get(`/api/records/${other}/${target.id}`), get(`/api/records/${other}/${guess}`), notFound);
}

async function listAttacks(att: Attacker, spec: AttackerSpec, object: string): Promise<void> {
  const rowAllowed = (row: Record<string, unknown>) => reaches(spec.account, object, row);
  const listed: Expectation = { statuses: READ_STATUSES, rowAllowed };
  const counted: Expectation = {
    ...listed,
    check: (body) => {
      const page = body as { data: unknown[]; total?: number };
      return page.total !== undefined && page.total !== page.data.length ? `counts ${page.total} rows but lists ${page.data.length}` : undefined;
    },
  };
  await att.try(`${object} list`, get(list(object, 'count=true')), counted);
  await att.try(`${object} recycle bin`, get(list(object, 'deleted=true&count=true')), counted);
  await att.try(`${object} list, newest first`, get(list(object, 'sort=-updated_at,-created_at')), listed);
  await att.try(`${object} list as CSV`, get(list(object, 'format=csv')), listed);
  for (const field of app.registry.object(object)!.fieldList) {
    await att.try(`${object} sorted by ${field.name}`, get(list(object, `sort=${field.name}`)), listed);
    await att.try(`${object} only ${field.name}`, get(list(object, `fields=${field.name}`)), listed);
  }
  for (const lookup of lookupsOf(object)) {
    await att.try(`${object} expanding ${lookup.name}`, get(list(object, `expand=${lookup.name}`)), listed);
    await att.try(`${object} recycle bin expanding ${lookup.name}`, get(list(object, `deleted=true&expand=${lookup.name}`)), listed);
  }
  for (const layout of app.registry.layoutList().filter((l) => l.object === object)) {
    for (const view of layout.listViews ?? []) {
      await att.try(`${object} view ${view.name}`, get(list(object, `view=${layout.name}.${view.name}&count=true`)), counted);
    }
  }
  // The real export (GET …/export.xlsx) is a zip the attacker's secret search can't read: ui-api.test.ts checks its rows.
  for (const guess of ['export', 'export.csv']) {
    await att.try(`${object} ${guess}`, get(`/api/records/${object}/${guess}`), { statuses: [404] });
  }
  await att.try(`${object} export job`, { method: 'POST', url: '/api/exports', payload: { object } }, REFUSED);
  await att.try(`${object} export via a made-up action`, { method: 'POST', url: `/api/records/${object}/${dealerId.B}/actions/export`, payload: {} }, REFUSED);
  await cursorAttacks(att, object, listed);
}

/** A real cursor of the attacker's own list, decoded, changed to another dealer's values, encoded again. */
async function cursorAttacks(att: Attacker, object: string, listed: Expectation): Promise<void> {
  const b = seeded.find((r) => r.object === object && r.dealer === 'B') ?? seeded.find((r) => r.object === object)!;
  const sortField = textFieldsOf(object)[0];
  const first = await att.try(`${object} first page of one`, get(list(object, `sort=${sortField}`).replace('limit=500', 'limit=1')), listed);
  const real = (first.body as { nextCursor?: string | null }).nextCursor;
  const forged: unknown[][] = [
    [b.values[sortField] ?? 'x', b.id],
    ['', '00000000-0000-7000-8000-000000000000'],
    ['\uffff', 'ffffffff-ffff-7fff-bfff-ffffffffffff'],
    [null, b.id],
    [{ '>': 1 }, b.id],
    [b.values[sortField] ?? 'x'],
  ];
  if (real) forged.push([...(JSON.parse(Buffer.from(real, 'base64url').toString()) as unknown[]).slice(0, 1), b.id]);
  for (const values of forged) {
    const cursor = Buffer.from(JSON.stringify(values)).toString('base64url');
    await att.try(`${object} tampered cursor ${JSON.stringify(values).slice(0, 40)}`, get(list(object, `sort=${sortField}&cursor=${cursor}`)), listed);
    await att.try(`${object} tampered cursor, recycle bin`, get(list(object, `sort=${sortField}&deleted=true&cursor=${cursor}`)), listed);
  }
  await att.try(`${object} cursor of a different sort`, get(list(object, `sort=-created_at&cursor=${real ?? 'W10'}`)), listed);
}

/** Filters that could only match the targets' rows: a secret and a decoy must get the same (empty) answer. */
async function filterAttacks(att: Attacker, spec: AttackerSpec, object: string, targets: Seeded[]): Promise<void> {
  const listed: Expectation = { statuses: READ_STATUSES, rowAllowed: (row) => reaches(spec.account, object, row) };
  const filtered = (label: string, secret: unknown, decoy: unknown, extra = 'count=true') =>
    att.oracle(`${object} filter ${label}`, get(list(object, `${extra}&filter=${q(secret)}`)), get(list(object, `${extra}&filter=${q(decoy)}`)), listed);
  const guesses = targets.map(() => uuidv7());
  if (targets.length) {
    await filtered('id in the targets', { in: [{ var: 'id' }, targets.map((t) => t.id)] }, { in: [{ var: 'id' }, guesses] });
    await filtered('id in the targets, recycle bin', { in: [{ var: 'id' }, targets.map((t) => t.id)] }, { in: [{ var: 'id' }, guesses] }, 'count=true&deleted=true');
  }
  for (const [i, target] of targets.slice(0, 2).entries()) {
    const fields = textFieldsOf(object).slice(0, spec.breadth + 1);
    const eq = (field: string, value: unknown) => ({ '==': [{ var: field }, value] });
    await filtered('id ==', eq('id', target.id), eq('id', guesses[i]));
    await filtered('! id !=', { '!': { '!=': [{ var: 'id' }, target.id] } }, { '!': { '!=': [{ var: 'id' }, guesses[i]] } });
    await filtered('id == or false', { or: [eq('id', target.id), false] }, { or: [eq('id', guesses[i]), false] });
    await filtered('id == and true', { and: [true, eq('id', target.id)] }, { and: [true, eq('id', guesses[i])] });
    for (const field of fields) {
      const value = target.values[field];
      if (typeof value !== 'string') continue;
      const decoy = decoyText(value);
      await filtered(`${field} ==`, eq(field, value), eq(field, decoy));
      await filtered(`${field} like`, { like: [{ var: field }, value] }, { like: [{ var: field }, decoy] });
      await filtered(`${field} ilike, recycle bin`, { ilike: [{ var: field }, value.toLowerCase()] }, { ilike: [{ var: field }, decoy] }, 'count=true&deleted=true');
      await filtered(`${field} in a list`, { in: [{ var: field }, [value]] }, { in: [{ var: field }, [decoy]] });
      await filtered(`${field} contains`, { in: [value, { var: field }] }, { in: [decoy, { var: field }] });
    }
  }
  await lookupFilterAttacks(spec, object, filtered);
}

/** Through each lookup of the object: its id, and fields of the related row one and two lookups away. */
async function lookupFilterAttacks(
  spec: AttackerSpec,
  object: string,
  filtered: (label: string, secret: unknown, decoy: unknown, extra?: string) => Promise<void>,
): Promise<void> {
  const eq = (field: string, value: unknown) => ({ '==': [{ var: field }, value] });
  // Ids the attacker's own rows name (its dealer's parent): filtering on them is no secret.
  const known = new Set(seeded.filter((r) => visibleTo(spec, r)).flatMap((r) => Object.values(r.values)).filter((v) => typeof v === 'string'));
  for (const lookup of lookupsOf(object)) {
    const targets = targetsOf(spec, lookup.target);
    for (const target of targets) {
      const label = `${lookup.name} → ${target.dealer ?? target.object}`;
      if (!known.has(target.id)) await filtered(`${label} by id`, eq(lookup.name, target.id), eq(lookup.name, uuidv7()));
      for (const field of textFieldsOf(lookup.target).slice(0, spec.breadth + 1)) {
        const value = target.values[field];
        if (typeof value !== 'string') continue;
        const [path, decoy] = [`${lookup.name}.${field}`, decoyText(value)];
        await filtered(`${label}.${field} ==`, eq(path, value), eq(path, decoy));
        await filtered(`${label}.${field} !=`, { '!=': [{ var: path }, value] }, { '!=': [{ var: path }, decoy] });
        await filtered(`! ${label}.${field} !=`, { '!': { '!=': [{ var: path }, value] } }, { '!': { '!=': [{ var: path }, decoy] } });
      }
    }
    // Two lookups away: the parent of a related dealer; for its own rows, the parent of its own dealer, which it may name but not read.
    const own = seeded.find((r) => r.object === lookup.target && visibleTo(spec, r));
    for (const second of lookupsOf(lookup.target)) {
      const via = [targets[0], own].map((row) => seeded.find((r) => r.id === row?.values[second.name]));
      for (const row of via) {
        if (!row || visibleTo(spec, row)) continue;
        for (const field of ['name', 'credit_code', 'address'].slice(0, spec.breadth + 1)) {
          const value = row.values[field];
          if (typeof value !== 'string') continue;
          const [path, decoy] = [`${lookup.name}.${second.name}.${field}`, decoyText(value)];
          const label = `${path} of ${row.dealer ?? row.object}`;
          await filtered(`${label} ==`, eq(path, value), eq(path, decoy));
          // By its distinctive end: every dealer's credit code and address start alike, the attacker's own too.
          await filtered(`${label} like`, { like: [{ var: path }, `%${value.slice(-5)}`] }, { like: [{ var: path }, `%${decoy.slice(-5)}`] });
          await filtered(`${label} !=`, { '!=': [{ var: path }, value] }, { '!=': [{ var: path }, decoy] });
        }
      }
    }
  }
}

/** Fields the attacker's permission set hides: naming them anywhere must answer like naming a field that doesn't exist. */
async function hiddenFieldAttacks(att: Attacker, spec: AttackerSpec): Promise<void> {
  for (const [object, fields] of Object.entries(spec.hidden ?? {})) {
    const own = ownRows(spec, object);
    for (const field of fields) {
      const value = own.map((r) => r.values[field]).find((v): v is string => typeof v === 'string') ?? 'x';
      const refusedRead: Expectation = { statuses: [400] };
      await att.oracle(`${object} filter on hidden ${field}`, get(list(object, `filter=${q({ '==': [{ var: field }, value] })}`)),
        get(list(object, `filter=${q({ '==': [{ var: field }, decoyText(value)] })}`)), refusedRead);
      await att.oracle(`${object} like on hidden ${field}`, get(list(object, `filter=${q({ like: [{ var: field }, `${value.slice(0, 4)}%`] })}`)),
        get(list(object, `filter=${q({ like: [{ var: field }, `${decoyText(value).slice(0, 4)}%`] })}`)), refusedRead);
      await att.try(`${object} sorted by hidden ${field}`, get(list(object, `sort=${field}`)), refusedRead);
      await att.try(`${object} fields=hidden ${field}`, get(list(object, `fields=id,${field}`)), refusedRead);
      if (own[0]) await att.try(`${object} get fields=hidden ${field}`, get(`/api/records/${object}/${own[0].id}?fields=${field}`), refusedRead);
      await att.try(`${object} write hidden ${field}`, { method: 'PATCH', url: `/api/records/${object}/${own[0]?.id}`, payload: { [field]: value } }, REFUSED);
      // Through a lookup from the records that point at this object.
      for (const from of PACK_OBJECTS.filter((o) => lookupsOf(o).some((l) => l.target === object))) {
        const via = lookupsOf(from).find((l) => l.target === object)!.name;
        await att.oracle(`${from} filter on hidden ${via}.${field}`, get(list(from, `filter=${q({ '==': [{ var: `${via}.${field}` }, value] })}`)),
          get(list(from, `filter=${q({ '==': [{ var: `${via}.${field}` }, decoyText(value)] })}`)), { statuses: [400, 404] });
        await att.try(`${from} expanding ${via} shows no hidden ${field}`, get(list(from, `expand=${via}`)), { statuses: READ_STATUSES });
      }
    }
    // Its own rows, past versions and history: the hidden fields stay out.
    for (const row of own) {
      await att.try(`${object} own row`, get(`/api/records/${object}/${row.id}`), { statuses: [200] });
      await att.try(`${object} own row as of now`, get(`/api/records/${object}/${row.id}?asOf=${q(new Date().toISOString())}`), { statuses: [200] });
      await att.try(`${object} own row history`, get(`/api/records/${object}/${row.id}/history`), { statuses: [200] });
      await att.try(`${object} own row, stale version`, { method: 'PATCH', url: `/api/records/${object}/${row.id}`, payload: { version: 999 } }, { statuses: [403, 409] });
    }
  }
}

/** Creating rows for other dealers, or with system columns set; moving its own rows away or setting their system columns. */
async function writeAttacks(att: Attacker, spec: AttackerSpec, object: string): Promise<void> {
  const linked = lookupsOf(object).some((l) => l.name === 'dealer');
  const own = ownRows(spec, object)[0];
  const template = creatable(object);
  const create = (label: string, payload: Record<string, unknown>) =>
    att.try(`${object} create ${label}`, { method: 'POST', url: `/api/records/${object}`, payload: { ...template, ...payload } }, REFUSED);
  for (const [field, value] of Object.entries(SYSTEM_VALUES(portalB.id))) await create(`with ${field}`, { [field]: value });
  if (linked) {
    for (const key of ['B', 'B2', 'P', 'C', spec.account === 'A' ? 'A2' : 'A'] as DealerKey[]) {
      await att.oracle(`${object} create for dealer ${key}`, { method: 'POST', url: `/api/records/${object}`, payload: { ...template, dealer: dealerId[key] } },
        { method: 'POST', url: `/api/records/${object}`, payload: { ...template, dealer: uuidv7() } }, REFUSED);
    }
  }
  if (object === 'dealer') {
    const b = seeded.find((r) => r.id === dealerId.B)!;
    await att.oracle('dealer create with B\'s credit code', { method: 'POST', url: '/api/records/dealer', payload: { ...template, credit_code: b.values.credit_code } },
      { method: 'POST', url: '/api/records/dealer', payload: { ...template, credit_code: creditCode(99) } }, REFUSED);
  }
  if (!own) return;
  const patch = (label: string, payload: Record<string, unknown>, headers?: Record<string, string>) =>
    att.try(`${object} own row: ${label}`, { method: 'PATCH', url: `/api/records/${object}/${own.id}`, payload, ...(headers ? { headers } : {}) }, REFUSED);
  for (const [field, value] of Object.entries(SYSTEM_VALUES(portalB.id))) await patch(`set ${field}`, { [field]: value });
  if (linked) {
    for (const key of ['B', 'P', spec.account === 'A' ? 'A2' : 'A'] as DealerKey[]) await patch(`move to dealer ${key}`, { dealer: dealerId[key] });
    await patch('unlink from its dealer', { dealer: null });
  }
  if (object === 'dealer') {
    await patch('reparent under B', { parent: dealerId.B });
    await patch('reparent under its own sub-dealer', { parent: dealerId.A2 });
    if (spec.readOnly.includes('parent')) await patch('drop its parent', { parent: null });
    const b = seeded.find((r) => r.id === dealerId.B)!;
    for (const field of spec.readOnly.filter((f) => f !== 'parent')) await patch(`set read-only ${field} to B's`, { [field]: b.values[field] });
    await att.try('dealer own row: delete', { method: 'DELETE', url: `/api/records/dealer/${own.id}` }, REFUSED);
  }
  if (PUBLIC.has(object)) {
    await patch('change a public row', { [textFieldsOf(object)[0]]: '改掉·pwned' });
    await att.try(`${object} public row: delete`, { method: 'DELETE', url: `/api/records/${object}/${own.id}` }, REFUSED);
  }
}

/** A payload the admin could create for the object (so a refusal is about the attack, not a missing field). */
function creatable(object: string): Record<string, unknown> {
  const payloads: Record<string, Record<string, unknown>> = {
    dealer: { name: '新经销商·KNX', credit_code: creditCode(98), tier: 'level_1' },
    dealer_contact: { name: '新联系人·KNX', phone: '+86 571 8899-9999' },
    dealer_credit: { selling_entity: '新销售主体·KNX', credit_limit: 1 },
    qualification: { type: 'other', number: '新证号·KNX', valid_from: '2025-01-01' },
    hospital: { name: '新医院·KNX' },
    department: { name: '新科室·KNX', hospital: seeded.find((r) => r.object === 'hospital')!.id },
    product: { name: '新产品·KNX', product_line: seeded.find((r) => r.object === 'product_line')!.id },
    product_line: { name: '新产品线·KNX', code: 'NEW-KNX' },
  };
  return payloads[object];
}

/** Routes outside the records: every one is refused to a portal user, or shows only its own things. */
async function routeAttacks(att: Attacker, selfId: string, csrfless?: Record<string, string>): Promise<void> {
  const forbidden: Expectation = { refused: true, statuses: [403] };
  const reads = [
    '/api/meta/object', '/api/meta/object/dealer', '/api/meta/object/dealer/history', '/api/meta/permissionSet',
    '/api/meta/permissionSet/portal_dealer', '/api/meta/role', '/api/meta/sharingRule', '/api/meta/layout/dealer_layout', '/api/plugins',
    '/api/openapi.json', '/api/users', `/api/users/${portalB.id}`, `/api/users/${selfId}`, '/api/users?kind=portal',
    '/api/access/audit', '/api/access/audit?user=owner_b',
    `/api/access/explain?user=owner_b&object=dealer&id=${dealerId.B}`, `/api/access/explain?user=${selfId}&object=dealer&id=${dealerId.B}`,
  ];
  for (const url of reads) await att.try(`route ${url}`, get(url), forbidden);
  for (const url of [`/api/access/explain/dealer/${dealerId.B}`, `/api/records/dealer/${dealerId.B}/access`, `/api/records/dealer/${dealerId.B}/explain`,
    `/api/records/dealer/${dealerId.B}/access/explain`, '/api/approvals/inbox', `/api/imports/${uuidv7()}`]) {
    await att.try(`guessed route ${url}`, get(url), { refused: true, statuses: [403, 404] });
  }
  const writes: Attempt[] = [
    { method: 'PUT', url: '/api/meta/permissionSet/portal_dealer', payload: { kind: 'permissionSet', name: 'portal_dealer', label: { 'zh-CN': 'x', en: 'x' }, rights: ['viewAllData'] } },
    { method: 'DELETE', url: '/api/meta/role/dealer_owner' },
    { method: 'POST', url: '/api/meta/deploy', payload: { documents: [{ kind: 'permissionSet', name: 'portal_all', label: { 'zh-CN': 'x', en: 'x' }, rights: ['modifyAllData'] }] } },
    { method: 'POST', url: '/api/meta/deploy', payload: { documents: [], dryRun: true } },
    { method: 'POST', url: '/api/plugins', payload: { plugin: 'medical_dms', demo: true } },
    { method: 'POST', url: '/api/plugins/medical_dms/upgrade', payload: {} },
    { method: 'DELETE', url: '/api/plugins/medical_dms?purge=true&confirm=medical_dms' },
    { method: 'POST', url: '/api/users', payload: { username: 'owner_b_2', displayName: 'x', kind: 'portal', role: 'dealer_owner', accountId: dealerId.B, password: 'Correct-horse-42' } },
    { method: 'PATCH', url: `/api/users/${selfId}`, payload: { accountId: dealerId.B } },
    { method: 'PATCH', url: `/api/users/${selfId}`, payload: { role: 'admin' } },
    { method: 'PATCH', url: `/api/users/${selfId}`, payload: { permissionSets: ['admin'] } },
    { method: 'PATCH', url: `/api/users/${portalB.id}`, payload: { active: false } },
    { method: 'POST', url: `/api/users/${portalB.id}/password`, payload: { password: 'Another-horse-43' } },
  ];
  for (const attempt of writes) await att.try(`route ${attempt.method} ${attempt.url}`, attempt, forbidden);
  await att.try("revoke B's API token", { method: 'DELETE', url: `/api/auth/tokens/${portalB.tokenId}` }, { refused: true, statuses: [404] });
  await att.try('its own tokens', get('/api/auth/tokens'), { statuses: [200] });
  const me = await att.try('who am I', get('/api/auth/me'), { statuses: [200] });
  const rights = (me.body as { rights?: unknown[] }).rights;
  if (rights?.length) att.leaks.push(`${att.name}: /api/auth/me gives a portal user admin rights ${JSON.stringify(rights)}`);
  if (csrfless) {
    await att.try('a change without the CSRF token', { method: 'PATCH', url: `/api/records/dealer/${dealerId.A}`, payload: { address: '改掉·pwned' }, headers: csrfless }, forbidden);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The database, before and after: nothing any attacker sent may have changed it.
// ---------------------------------------------------------------------------------------------------------

type Snapshot = Record<string, unknown[]>;

async function snapshot(): Promise<Snapshot> {
  const knex = app.db.knex;
  const shot: Snapshot = {};
  for (const object of PACK_OBJECTS) shot[object] = await knex(app.registry.object(object)!.table).select('*').orderBy('id');
  shot.users = await knex('qd_users').select('id', 'username', 'kind', 'role', 'permission_sets', 'account_id', 'active', 'version').orderBy('id');
  shot.tokens = await knex('qd_api_tokens').select('id', 'user_id', 'revoked_at').orderBy('id');
  shot.audit = await knex('qd_audit').count({ n: '*' });
  shot.metadata = await knex('qd_metadata_documents').count({ n: '*' });
  return JSON.parse(JSON.stringify(shot)) as Snapshot;
}

// ---------------------------------------------------------------------------------------------------------

const attackers = new Map<string, { att: Attacker; selfId: string; csrfless?: Record<string, string> }>();

beforeAll(async () => {
  app = await startTestApp();
  await app.plugins.install(PACK, { ctx: systemContext(app.adminId, 'portal-attack') });
  await admin('PUT', '/api/meta/permissionSet/attack_narrow', NARROW_SET);
  await seedEverything();
  const b = await createUser(app, { username: 'owner_b', kind: 'portal', role: 'dealer_owner', accountId: dealerId.B });
  const bTokenId = (await app.db.knex('qd_api_tokens').where({ user_id: b.id }).first('id')).id as string;
  portalB = { ...b, tokenId: bTokenId };
  for (const spec of ATTACKERS) {
    const username = spec.via === 'own token' ? 'owner_a' : spec.name;
    const existing = await app.db.knex('qd_users').where({ username }).first('id');
    const user = existing ?? await createUser(app, {
      username, kind: 'portal', role: spec.user.role, permissionSets: spec.user.permissionSets ?? [], accountId: dealerId[spec.account],
    });
    let headers: Record<string, string>;
    let csrfless: Record<string, string> | undefined;
    if (spec.via === 'token') {
      headers = { authorization: `Bearer ${(user as { token: string }).token}` };
    } else {
      const session = await loginAs(app, username);
      headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
      csrfless = { cookie: session.cookie };
      if (spec.via === 'own token') {
        const made = await app.server.inject({ method: 'POST', url: '/api/auth/tokens', headers, payload: { name: 'my script' } });
        if (made.statusCode !== 201) throw new Error(`token of owner_a: ${made.statusCode} ${made.body}`);
        headers = { authorization: `Bearer ${(made.json() as { token: string }).token}` };
        csrfless = undefined;
      }
    }
    attackers.set(spec.name, { att: new Attacker(app, spec.name, headers, secretsOf(spec)), selfId: user.id, csrfless });
  }
  before = await snapshot();
}, 60_000);

afterAll(async () => app?.dispose());

describe("portal users of dealer A attacking every other dealer's rows", () => {
  it('finds every object of the pack to attack', () => {
    expect(app.registry.objectList().map((o) => o.name).sort()).toEqual(PACK_OBJECTS);
  });

  it.each(ATTACKERS.map((spec) => [spec.name, spec] as const))('%s: every object × every attack leaks nothing', async (_name, spec) => {
    const { att, selfId, csrfless } = attackers.get(spec.name)!;
    for (const object of PACK_OBJECTS) {
      const targets = targetsOf(spec, object);
      // Another dealer's rows, live and from its recycle bin.
      const gone = seeded.filter((r) => r.object === object && r.deleted && !visibleTo(spec, r)).slice(0, 1);
      for (const target of [...targets, ...gone]) await byIdAttacks(att, object, target);
      await listAttacks(att, spec, object);
      await filterAttacks(att, spec, object, targets);
      await writeAttacks(att, spec, object);
    }
    await hiddenFieldAttacks(att, spec);
    await routeAttacks(att, selfId, csrfless);
    results.push({ name: spec.name, attempts: att.attempts, leaks: att.leaks, problems: att.problems });
    expect(att.leaks, `${spec.name}: attempts: ${att.attempts}, leaks: ${att.leaks.length}`).toEqual([]);
    expect(att.problems, `${spec.name}: answers that are not what the API promises`).toEqual([]);
  });

  it('leaves the database as it was: no attack changed a row, a user, a token or the metadata', async () => {
    const after = await snapshot();
    const changed: string[] = [];
    for (const [table, rows] of Object.entries(before)) {
      const now = after[table];
      if (JSON.stringify(now) === JSON.stringify(rows)) continue;
      const was = new Map(rows.map((r) => [JSON.stringify(r), r]));
      const diff = now.filter((r) => !was.has(JSON.stringify(r))).map((r) => JSON.stringify(r).slice(0, 300));
      changed.push(`${table}: ${diff.join('; ') || 'rows removed'}`);
    }
    const attempts = results.reduce((n, r) => n + r.attempts, 0);
    const leaks = results.reduce((n, r) => n + r.leaks.length, 0) + changed.length;
    console.log(`portal attack: attempts: ${attempts}, leaks: ${leaks} (${results.map((r) => `${r.name} ${r.attempts}/${r.leaks.length}`).join(', ')})`);
    expect(changed, `attempts: ${attempts}, leaks: ${leaks}: the database changed`).toEqual([]);
    expect(results.length, 'every attacker ran').toBe(ATTACKERS.length);
  });
});
