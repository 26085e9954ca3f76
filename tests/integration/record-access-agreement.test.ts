/**
 * Random users (roles, extra permission sets, portal users of any dealer or of none) and random deals with lines
 * (any owner, dealer, stage and amount, some deleted): for every user and record, `get` succeeds exactly when
 * `list` returns the record (whole or page by page, with the same count), explain access agrees with both, an
 * update agrees with explain access on editing, and all of them agree with the fixture's rules written out by
 * hand below (not derived from the engine's SQL). The groundwork of "explain access must agree with the query
 * filter".
 */
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QudaoError } from '../../engine/src/errors/catalog.ts';
import { explainAccess } from '../../engine/src/security/explain-access.ts';
import { asUser, insertTestUser, seedOrganisation, type Organisation, type TestUser } from '../helpers/access-fixture.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let org: Organisation;

beforeAll(async () => {
  app = await startTestApp();
  org = await seedOrganisation(app);
}, 60_000);
afterAll(async () => app?.dispose());

const ROLES = ['director', 'manager_east', 'manager_west', 'rep_east', 'rep_west'] as const;
const BELOW: Record<string, readonly string[]> = {
  director: ['manager_east', 'manager_west', 'rep_east', 'rep_west'], manager_east: ['rep_east'], manager_west: ['rep_west'],
};
const DEALERS = ['A', 'B', 'C'] as const;
type Dealer = (typeof DEALERS)[number];
const REGION: Record<Dealer, string | null> = { A: 'east', B: 'west', C: null };

type Spec =
  | { kind: 'internal'; role: (typeof ROLES)[number] | null; sets: string[] }
  | { kind: 'portal'; account: Dealer | null };
interface Member { user: TestUser; spec: Spec }

const userSpec: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({ kind: fc.constant('internal' as const), role: fc.constantFrom(...ROLES, null), sets: fc.subarray(['sales', 'sales_rep']) }),
  fc.record({ kind: fc.constant('portal' as const), account: fc.constantFrom(...DEALERS, null) }),
);
const dealSpec = fc.record({
  owner: fc.nat(),
  account: fc.constantFrom(...DEALERS, null),
  stage: fc.constantFrom('open', 'won', 'lost'),
  amount: fc.constantFrom(50, 5000),
  deleted: fc.constantFrom(false, false, false, true),
  lineOwners: fc.array(fc.nat(), { maxLength: 2 }),
});
type DealInput = typeof dealSpec extends fc.Arbitrary<infer T> ? T : never;
type DealSpec = Omit<DealInput, 'owner'> & { owner: Member };
interface Row { object: 'deal' | 'deal_line'; id: string; owner: Member; deal: DealSpec }

const readsObjects = (spec: Spec) => spec.kind === 'portal' || spec.role !== null || spec.sets.length > 0;
const roleOf = (member: Member) => (member.spec.kind === 'internal' ? member.spec.role : 'dealer_user');

/** The fixture's rules, by hand: whether `viewer` may read (edit) `row`. */
function reaches(viewer: Member, row: Row, mode: 'read' | 'edit'): boolean {
  const { spec } = viewer;
  const { deal } = row;
  if (!readsObjects(spec) || (row.object === 'deal' && deal.deleted)) return false;
  if (spec.kind === 'portal') return spec.account !== null && deal.account === spec.account && !deal.deleted;
  const ownsOrAbove = (owner: Member) => owner.user.id === viewer.user.id || (BELOW[spec.role ?? ''] ?? []).includes(roleOf(owner) ?? '');
  const wonToWest = mode === 'read' && spec.role === 'manager_west' && deal.stage === 'won';
  const bigEastern = (spec.role === 'manager_east' || spec.role === 'rep_east') && deal.amount > 1000 && deal.account !== null && REGION[deal.account] === 'east';
  const dealReached = ownsOrAbove(deal.owner) || wonToWest || bigEastern;
  // A line is controlled by its deal: reached through its own owner, or through a live deal.
  return row.object === 'deal' ? dealReached : ownsOrAbove(row.owner) || (!deal.deleted && dealReached);
}

let serial = 0;

async function member(spec: Spec): Promise<Member> {
  const username = `prop_${(serial += 1)}`;
  if (spec.kind === 'internal') return { spec, user: await insertTestUser(app, { username, role: spec.role, permissionSets: spec.sets }) };
  if (spec.account !== null) {
    return { spec, user: await insertTestUser(app, { username, kind: 'portal', role: 'dealer_user', accountId: org.account[spec.account] }) };
  }
  // qd_users refuses a portal user without a dealer; the principal can still arise (a dealer link gone bad).
  return { spec, user: asUser({ userId: uuidv7(), username, kind: 'portal', role: 'dealer_user', permissionSets: [], accountId: null }) };
}

/** The deals and lines of one run, named `<prefix>-…`, created by the admin for their random owners. */
async function createRows(prefix: string, owners: Member[], deals: DealInput[]): Promise<Row[]> {
  const rows: Row[] = [];
  const admin = org.users.admin.ctx;
  for (const [i, spec] of deals.entries()) {
    const deal: DealSpec = { ...spec, owner: owners[spec.owner % owners.length] };
    const values = { name: `${prefix}-d${i}`, stage: spec.stage, amount: spec.amount, account: spec.account && org.account[spec.account], owner_id: deal.owner.user.id };
    const dealId = (await app.records.create('deal', values, admin)).id as string;
    rows.push({ object: 'deal', id: dealId, owner: deal.owner, deal });
    for (const [j, n] of spec.lineOwners.entries()) {
      const owner = owners[n % owners.length];
      const lineId = (await app.records.create('deal_line', { name: `${prefix}-l${i}-${j}`, deal: dealId, owner_id: owner.user.id }, admin)).id as string;
      rows.push({ object: 'deal_line', id: lineId, owner, deal });
    }
    if (spec.deleted) await app.records.remove('deal', dealId, admin);
  }
  return rows;
}

/** 'ok', or the code the call was refused with. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (error instanceof QudaoError) return error.code;
    throw error;
  }
}

/** The ids a user lists, `limit` rows a page through the cursor, with the count; undefined when it can't read the object. */
async function listed(user: TestUser, object: string, filter: unknown, limit: number) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let total: number | undefined;
  try {
    do {
      const page = await app.records.list(object, { filter, limit, cursor, count: cursor === undefined }, user.ctx);
      total ??= page.total;
      ids.push(...page.data.map((r) => r.id as string));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  } catch (error) {
    if (error instanceof QudaoError && error.code === 'OBJECT_NOT_FOUND') return undefined;
    throw error;
  }
  return { ids, total };
}

/** Where one user's list, pages, gets, explanations, updates and the rules disagree about one object's rows. */
async function disagreements(viewer: Member, object: 'deal' | 'deal_line', rows: Row[], prefix: string): Promise<unknown[]> {
  const found: unknown[] = [];
  const filter = { like: [{ var: 'name' }, `${prefix}-%`] };
  const whole = await listed(viewer.user, object, filter, 500);
  const paged = await listed(viewer.user, object, filter, 2);
  const inList = new Set(whole?.ids ?? []);
  const live = new Set(rows.filter((r) => !(r.object === 'deal' && r.deal.deleted)).map((r) => r.id));
  const strays = [...inList].filter((id) => !live.has(id));
  if (strays.length) found.push({ viewer: viewer.spec, object, listedButDeletedOrFilteredOut: strays.length });
  if (paged && (paged.ids.length !== inList.size || paged.ids.some((id) => !inList.has(id)) || paged.total !== inList.size)) {
    found.push({ viewer: viewer.spec, object, listed: inList.size, paged: paged.ids.length, total: paged.total });
  }
  const scope = app.records.scope(viewer.user.ctx);
  for (const row of rows.filter((r) => r.object === object)) {
    const got = await outcome(app.records.get(object, row.id, {}, viewer.user.ctx));
    // An update that changes nothing: it answers as a real one would (404, 403 or the record) and writes nothing.
    const edit = await outcome(app.records.update(object, row.id, {}, undefined, viewer.user.ctx));
    const explained = (await explainAccess(app.db.knex, scope, app.registry.object(object)!, row.id)).record!;
    const read = { get: got === 'ok', list: inList.has(row.id), explain: explained.read.allowed, rules: reaches(viewer, row, 'read') };
    const write = { update: edit === 'ok', explain: explained.edit.allowed, rules: reaches(viewer, row, 'edit') };
    if (new Set(Object.values(read)).size > 1 || new Set(Object.values(write)).size > 1) {
      found.push({ viewer: viewer.spec, object, deal: { ...row.deal, owner: row.deal.owner.spec }, lineOwner: row.owner.spec, read, write, got, edit });
    }
  }
  return found;
}

describe('get, list, explain access and the rules agree', () => {
  it('for every user and record of random organisations', async () => {
    const fixed: Member[] = [
      { user: org.users.repEast, spec: { kind: 'internal', role: 'rep_east', sets: [] } },
      { user: org.users.mgrWest, spec: { kind: 'internal', role: 'manager_west', sets: [] } },
    ];
    let run = 0;
    const organisation = fc.tuple(fc.array(userSpec, { minLength: 1, maxLength: 4 }), fc.array(dealSpec, { minLength: 1, maxLength: 5 }));
    await fc.assert(fc.asyncProperty(organisation, async ([specs, deals]) => {
      const prefix = `run${(run += 1)}x`;
      const members = [...fixed, ...(await Promise.all(specs.map(member)))];
      const owners = members.filter((m) => m.spec.kind === 'internal' || m.spec.account !== null);
      const rows = await createRows(prefix, owners, deals);
      const found: unknown[] = [];
      for (const viewer of members) {
        for (const object of ['deal', 'deal_line'] as const) found.push(...(await disagreements(viewer, object, rows, prefix)));
      }
      expect(found).toEqual([]);
    }), { numRuns: 30, interruptAfterTimeLimit: 15_000, markInterruptAsFailure: true });
  });
});
