/**
 * Record access as users notice it: which deals a manager, a rep and a dealer's portal user see, read, change
 * and filter on, through the records service with each user's principal, on real PostgreSQL. The fixture
 * (tests/helpers/access-fixture.ts): director > manager_east > rep_east, director > manager_west > rep_west,
 * portal users of dealers A, B and C (C has no deals), won deals shared with manager_west, big deals of eastern
 * dealers shared (edit) with manager_east and those below it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QudaoError, type ErrorCode } from '../../engine/src/errors/catalog.ts';
import type { ListQuery } from '../../engine/src/records/list-query.ts';
import type { RecordData } from '../../engine/src/records/row-mapping.ts';
import { asUser, seedOrganisation, type Organisation, type TestUser } from '../helpers/access-fixture.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let users: Organisation['users'];
let account: Organisation['account'];
const deal = { rep: '', won: '', east: '', west: '', repWest: '' };
const line = { rep: '', east: '', west: '' };

/** The QudaoError a call fails with; fails the test when it succeeds. */
async function failure(call: Promise<unknown>): Promise<QudaoError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof QudaoError) return error;
    throw error;
  }
  return expect.fail('expected the call to be refused');
}

async function refusedWith(call: Promise<unknown>, code: ErrorCode, status: number) {
  const error = await failure(call);
  expect({ code: error.code, status: error.status }).toEqual({ code, status });
  return error;
}

const list = async (user: TestUser, object: string, query: ListQuery = {}) =>
  (await app.records.list(object, { limit: 500, ...query }, user.ctx)).data;
const ids = async (user: TestUser, object: string, query: ListQuery = {}) =>
  (await list(user, object, query)).map((r) => r.id as string);
/** The fixture records among those the user lists (other tests add records of their own). */
const seen = async (user: TestUser, object: string, fixture: Record<string, string>) => {
  const listed = new Set(await ids(user, object));
  return Object.entries(fixture).filter(([, id]) => listed.has(id)).map(([name]) => name).sort();
};
const create = async (user: TestUser, object: string, values: RecordData) => (await app.records.create(object, values, user.ctx)).id as string;

beforeAll(async () => {
  app = await startTestApp();
  ({ users, account } = await seedOrganisation(app));
  deal.rep = await create(users.repEast, 'deal', { name: 'Rep east, A', stage: 'open', amount: 100, account: account.A });
  await app.records.update('deal', deal.rep, { margin: 10 }, undefined, users.admin.ctx);
  deal.won = await create(users.repEast, 'deal', { name: 'Rep east, B, won', stage: 'won', amount: 200, account: account.B });
  deal.east = await create(users.mgrEast, 'deal', { name: 'Manager east, B', stage: 'open', margin: 30, account: account.B });
  deal.west = await create(users.mgrWest, 'deal', { name: 'Manager west, A', stage: 'open', margin: 40, account: account.A });
  deal.repWest = await create(users.repWest, 'deal', { name: 'Rep west, B', stage: 'lost', account: account.B });
  line.rep = await create(users.repEast, 'deal_line', { name: 'Line of rep east', deal: deal.rep, quantity: 1 });
  line.east = await create(users.mgrEast, 'deal_line', { name: 'Line of manager east', deal: deal.east, quantity: 2 });
  line.west = await create(users.mgrWest, 'deal_line', { name: 'Line of manager west', deal: deal.west, quantity: 3 });
}, 60_000);
afterAll(async () => app?.dispose());

describe('the role hierarchy', () => {
  // Issue 5's acceptance: "A channel manager sees the dealers they own and those of their reports, not their peers'."
  it('a channel manager sees the deals they own and those of their reports, not their peers\'', async () => {
    expect(await seen(users.mgrEast, 'deal', deal)).toEqual(['east', 'rep', 'won']);
    expect(await seen(users.director, 'deal', deal)).toEqual(['east', 'rep', 'repWest', 'west', 'won']);
    expect(await seen(users.repEast, 'deal', deal)).toEqual(['rep', 'won']);
    expect(await seen(users.repWest, 'deal', deal)).toEqual(['repWest']);
    await refusedWith(app.records.get('deal', deal.west, {}, users.mgrEast.ctx), 'RECORD_NOT_FOUND', 404);
    await refusedWith(app.records.get('deal', deal.east, {}, users.repEast.ctx), 'RECORD_NOT_FOUND', 404);
  });

  it('applies a manager\'s filter, and the recycle bin, to the reports\' deals too', async () => {
    const byName = (name: string) => ({ filter: { '==': [{ var: 'name' }, name] } });
    expect(await ids(users.mgrEast, 'deal', byName('Rep east, A'))).toEqual([deal.rep]);
    expect(await ids(users.mgrEast, 'deal', byName('Manager east, B'))).toEqual([deal.east]);
    expect(await ids(users.director, 'deal', byName('Rep west, B'))).toEqual([deal.repWest]);
    const gone = await create(users.repEast, 'deal', { name: 'Deleted by the rep' });
    await app.records.remove('deal', gone, users.repEast.ctx);
    expect(await ids(users.mgrEast, 'deal')).not.toContain(gone);
    expect(await ids(users.mgrEast, 'deal', { deleted: true })).toEqual([gone]);
  });

  it('lets a manager change what their reports own, and nobody a peer\'s', async () => {
    const changed = await app.records.update('deal', deal.rep, { amount: 110 }, undefined, users.mgrEast.ctx);
    expect(changed.amount).toBe('110.00');
    await refusedWith(app.records.update('deal', deal.west, { amount: 1 }, undefined, users.mgrEast.ctx), 'RECORD_NOT_FOUND', 404);
    await refusedWith(app.records.update('deal', deal.east, { amount: 1 }, undefined, users.repEast.ctx), 'RECORD_NOT_FOUND', 404);
  });

  it('shows a deal\'s lines to whoever sees the deal (controlled by parent), and no other lines', async () => {
    expect(await seen(users.mgrEast, 'deal_line', line)).toEqual(['east', 'rep']);
    expect(await seen(users.repEast, 'deal_line', line)).toEqual(['rep']);
    expect(await seen(users.director, 'deal_line', line)).toEqual(['east', 'rep', 'west']);
    expect(await seen(users.mgrWest, 'deal_line', line)).toEqual(['west']);
  });
});

describe('a sharing rule', () => {
  it('gives manager_west read access to won deals only, not edit, and not to the roles below it', async () => {
    expect(await seen(users.mgrWest, 'deal', deal)).toEqual(['repWest', 'west', 'won']);
    expect((await app.records.get('deal', deal.won, {}, users.mgrWest.ctx)).name).toBe('Rep east, B, won');
    await refusedWith(app.records.update('deal', deal.won, { amount: 1 }, undefined, users.mgrWest.ctx), 'FORBIDDEN', 403);
    await refusedWith(app.records.remove('deal', deal.won, users.mgrWest.ctx), 'FORBIDDEN', 403);
    expect(await seen(users.repWest, 'deal', deal)).toEqual(['repWest']);
  });

  it('stops showing a deal that no longer matches', async () => {
    const id = await create(users.repEast, 'deal', { name: 'Shared for a while', stage: 'won' });
    expect(await ids(users.mgrWest, 'deal')).toContain(id);
    await app.records.update('deal', id, { stage: 'lost' }, undefined, users.repEast.ctx);
    expect(await ids(users.mgrWest, 'deal')).not.toContain(id);
    await refusedWith(app.records.get('deal', id, {}, users.mgrWest.ctx), 'RECORD_NOT_FOUND', 404);
    await refusedWith(app.records.history('deal', id, users.mgrWest.ctx), 'RECORD_NOT_FOUND', 404);
  });
});

describe('an object readable by every internal user (internal: read)', () => {
  it('is read by all who may read it, changed only by its owner and those above', async () => {
    const item = await create(users.repEast, 'catalog_item', { name: 'Stent', price: 9 });
    const dealerAccount = (await app.records.get('account', account.B, {}, users.repEast.ctx)).name;
    expect(dealerAccount).toBe('Dealer B');
    for (const user of [users.repWest, users.mgrWest, users.director]) {
      expect(await ids(user, 'catalog_item')).toContain(item);
      expect((await app.records.get('catalog_item', item, {}, user.ctx)).name).toBe('Stent');
    }
    await refusedWith(app.records.update('catalog_item', item, { price: 1 }, undefined, users.repWest.ctx), 'FORBIDDEN', 403);
    await refusedWith(app.records.remove('catalog_item', item, users.mgrWest.ctx), 'FORBIDDEN', 403);
    expect((await app.records.update('catalog_item', item, { price: 10 }, undefined, users.repEast.ctx)).price).toBe('10.00');
    expect((await app.records.update('catalog_item', item, { price: 11 }, undefined, users.mgrEast.ctx)).price).toBe('11.00');
  });
});

describe('field-level security: a rep never sees a deal\'s margin', () => {
  it('leaves margin out of get, list, expand, history and a past version', async () => {
    expect(await app.records.get('deal', deal.rep, {}, users.mgrEast.ctx)).toMatchObject({ margin: '10.00' });
    const own = await app.records.get('deal', deal.rep, {}, users.repEast.ctx);
    expect(own.name).toBe('Rep east, A');
    expect(own).not.toHaveProperty('margin');
    for (const row of await list(users.repEast, 'deal')) expect(row).not.toHaveProperty('margin');
    const [lineRow] = await list(users.repEast, 'deal_line', { filter: { '==': [{ var: 'id' }, line.rep] }, expand: ['deal'] });
    expect(lineRow.deal).toMatchObject({ id: deal.rep, name: 'Rep east, A' });
    expect(lineRow.deal).not.toHaveProperty('margin');
    const viaGet = await app.records.get('deal_line', line.rep, { expand: ['deal'] }, users.repEast.ctx);
    expect(viaGet.deal).not.toHaveProperty('margin');

    const managerHistory = await app.records.history('deal', deal.rep, users.mgrEast.ctx);
    expect(managerHistory.some((entry) => 'margin' in entry.changes)).toBe(true);
    const repHistory = await app.records.history('deal', deal.rep, users.repEast.ctx);
    expect(repHistory.length).toBe(managerHistory.length);
    for (const entry of repHistory) expect(entry.changes).not.toHaveProperty('margin');
    const past = await app.records.get('deal', deal.rep, { asOf: new Date().toISOString() }, users.repEast.ctx);
    expect(past.name).toBe('Rep east, A');
    expect(past).not.toHaveProperty('margin');
  });

  it('refuses margin in fields, filter, sort and a lookup-path filter as an unknown field', async () => {
    const rep = users.repEast.ctx;
    const unknown = async (call: Promise<unknown>) => {
      const error = await failure(call);
      expect(error.status).toBe(400);
      expect(['BAD_REQUEST', 'FILTER_INVALID']).toContain(error.code);
      expect(error.errors.map((e) => e.rule)).toEqual([expect.stringMatching(/^(unknown_field|lookup_path)$/)]);
      expect(JSON.stringify(error.errors)).toContain('margin');
    };
    await unknown(app.records.get('deal', deal.rep, { fields: ['name', 'margin'] }, rep));
    await unknown(app.records.list('deal', { fields: ['margin'] }, rep));
    await unknown(app.records.list('deal', { filter: { '>': [{ var: 'margin' }, 0] } }, rep));
    await unknown(app.records.list('deal', { sort: '-margin' }, rep));
    await unknown(app.records.list('deal_line', { filter: { '>': [{ var: 'deal.margin' }, 0] } }, rep));
    // A manager may do all of it.
    const byMargin = await app.records.list('deal', { fields: ['margin'], filter: { '>': [{ var: 'margin' }, 5] }, sort: '-margin' }, users.mgrEast.ctx);
    expect(byMargin.data.map((r) => r.margin)).toEqual(['30.00', '10.00']);
  });

  it('refuses to write margin, naming the field, and writes nothing', async () => {
    const before = await app.records.get('deal', deal.rep, {}, users.mgrEast.ctx);
    const update = await refusedWith(app.records.update('deal', deal.rep, { amount: 5, margin: 99 }, undefined, users.repEast.ctx), 'FORBIDDEN', 403);
    expect(update.errors.map((e) => [e.field, e.rule])).toEqual([['margin', 'not_editable']]);
    const create = await refusedWith(app.records.create('deal', { name: 'With margin', margin: 1 }, users.repEast.ctx), 'FORBIDDEN', 403);
    expect(create.errors.map((e) => [e.field, e.rule])).toEqual([['margin', 'not_editable']]);
    expect(await app.records.get('deal', deal.rep, {}, users.mgrEast.ctx)).toEqual(before);
    expect(await app.db.knex('data.deal').where({ name: 'With margin' })).toEqual([]);
  });
});

describe('portal isolation: a dealer\'s user sees only its dealer\'s records', () => {
  it('lists its own dealer, its deals and their lines (two lookups away), whoever owns them', async () => {
    expect(await ids(users.portalA, 'account')).toEqual([account.A]);
    const deals = await list(users.portalA, 'deal');
    expect(deals.every((d) => d.account === account.A)).toBe(true);
    expect(await seen(users.portalA, 'deal', deal)).toEqual(['rep', 'west']);
    expect(deals.every((d) => !('margin' in d))).toBe(true);
    const aDeals = new Set(deals.map((d) => d.id));
    const lines = await list(users.portalA, 'deal_line');
    expect(lines.every((l) => aDeals.has(l.deal as string))).toBe(true);
    expect(await seen(users.portalA, 'deal_line', line)).toEqual(['rep', 'west']);
    expect(await seen(users.portalB, 'deal', deal)).toEqual(['east', 'repWest', 'won']);
    expect(await seen(users.portalB, 'deal_line', line)).toEqual(['east']);
  });

  it('answers 404 for another dealer\'s records on get, update, delete and history', async () => {
    const ctx = users.portalA.ctx;
    for (const [object, id] of [['account', account.B], ['deal', deal.east], ['deal_line', line.east]] as const) {
      await refusedWith(app.records.get(object, id, {}, ctx), 'RECORD_NOT_FOUND', 404);
      await refusedWith(app.records.history(object, id, ctx), 'RECORD_NOT_FOUND', 404);
    }
    await refusedWith(app.records.update('deal', deal.east, { amount: 1 }, undefined, ctx), 'RECORD_NOT_FOUND', 404);
    await refusedWith(app.records.update('deal_line', line.east, { quantity: 1 }, undefined, ctx), 'RECORD_NOT_FOUND', 404);
    await refusedWith(app.records.remove('deal', deal.east, ctx), 'RECORD_NOT_FOUND', 404);
    expect((await app.records.get('deal', deal.east, {}, users.director.ctx)).deleted_at).toBeNull();
  });

  it('never returns another dealer\'s rows through filters, lookup paths, negations or the recycle bin', async () => {
    const none = [
      { '==': [{ var: 'account' }, account.B] },
      { '==': [{ var: 'account.name' }, 'Dealer B'] },
      { '!=': [{ var: 'account.name' }, 'Dealer A'] },
      { '!': { '==': [{ var: 'account' }, account.A] } },
      { '==': [{ var: 'owner_id' }, users.mgrEast.id] },
    ];
    for (const filter of none) expect(await ids(users.portalA, 'deal', { filter })).toEqual([]);
    for (const filter of [
      { '==': [{ var: 'deal.account.name' }, 'Dealer B'] },
      { '!=': [{ var: 'deal.account.name' }, 'Dealer A'] },
      { '==': [{ var: 'deal.account' }, account.B] },
      { '==': [{ var: 'deal' }, deal.east] },
    ]) {
      expect(await ids(users.portalA, 'deal_line', { filter })).toEqual([]);
    }
    expect(await ids(users.portalA, 'deal', { filter: { '==': [{ var: 'account.name' }, 'Dealer A'] } })).toEqual(
      expect.arrayContaining([deal.rep, deal.west]),
    );
    await refusedWith(app.records.list('deal', { filter: { '>': [{ var: 'margin' }, 35] } }, users.portalA.ctx), 'FILTER_INVALID', 400);
    await app.records.remove('deal', deal.repWest, users.repWest.ctx);
    expect(await ids(users.portalB, 'deal', { deleted: true })).toContain(deal.repWest);
    expect(await ids(users.portalA, 'deal', { deleted: true })).not.toContain(deal.repWest);
    await app.records.restore('deal', deal.repWest, users.repWest.ctx);
  });

  it('links a new deal to its own dealer and refuses another dealer\'s', async () => {
    const refused = await refusedWith(app.records.create('deal', { name: 'Portal deal for B', account: account.B }, users.portalA.ctx), 'RECORD_INVALID', 422);
    expect(refused.errors.map((e) => [e.field, e.rule])).toEqual([['account', 'not_found']]);
    expect(await app.db.knex('data.deal').where({ name: 'Portal deal for B' })).toEqual([]);

    const created = await app.records.create('deal', { name: 'Portal deal' }, users.portalA.ctx);
    expect(created.account).toBe(account.A);
    expect(await ids(users.portalA2, 'deal')).toContain(created.id);
    expect(await ids(users.portalB, 'deal')).not.toContain(created.id);
    const moved = await refusedWith(app.records.update('deal', created.id as string, { account: account.B }, undefined, users.portalA.ctx), 'RECORD_INVALID', 422);
    expect(moved.errors.map((e) => [e.field, e.rule])).toEqual([['account', 'not_found']]);

    // A deal of its dealer owned by someone else: the portal user may change it.
    expect((await app.records.update('deal', deal.west, { amount: 41 }, undefined, users.portalA.ctx)).amount).toBe('41.00');
    const lineRefused = await refusedWith(app.records.create('deal_line', { name: 'On B', deal: deal.east }, users.portalA.ctx), 'RECORD_INVALID', 422);
    expect(lineRefused.errors.map((e) => [e.field, e.rule])).toEqual([['deal', 'not_found']]);
    const lineId = await create(users.portalA, 'deal_line', { name: 'On A', deal: created.id as string });
    expect(await ids(users.portalA2, 'deal_line')).toContain(lineId);
    expect(await ids(users.portalB, 'deal_line')).not.toContain(lineId);
  });

  it('keeps what it writes within its dealer: a deal without a dealer is linked to its own, or refused', async () => {
    const withinReach = async (write: Promise<RecordData>) => {
      const outcome = await write.then((record) => record, (error: unknown) => error);
      if (outcome instanceof QudaoError) return expect(outcome.status).toBeGreaterThanOrEqual(400);
      expect(await ids(users.portalA, 'deal')).toContain((outcome as RecordData).id);
    };
    await withinReach(app.records.create('deal', { name: 'Portal deal, account null', account: null }, users.portalA.ctx));
    const mine = await create(users.portalA, 'deal', { name: 'Portal deal, then unlinked' });
    await withinReach(app.records.update('deal', mine, { account: null }, undefined, users.portalA.ctx));
  });

  it('fails closed: a portal user without a dealer, or whose dealer has no records, sees nothing', async () => {
    const noAccount = asUser({ ...users.portalA.principal, username: 'dealer_none', accountId: null });
    const badAccount = asUser({ ...users.portalA.principal, username: 'dealer_bad', accountId: 'not-a-uuid' });
    for (const user of [noAccount, badAccount]) {
      for (const object of ['account', 'deal', 'deal_line']) expect(await ids(user, object)).toEqual([]);
      await refusedWith(app.records.get('deal', deal.rep, {}, user.ctx), 'RECORD_NOT_FOUND', 404);
      await refusedWith(app.records.get('account', account.A, {}, user.ctx), 'RECORD_NOT_FOUND', 404);
    }
    expect(await ids(users.portalC, 'account')).toEqual([account.C]);
    expect(await ids(users.portalC, 'deal')).toEqual([]);
    expect(await ids(users.portalC, 'deal_line')).toEqual([]);
  });

  it('reads the public catalogue but may not change it', async () => {
    const item = await create(users.repEast, 'catalog_item', { name: 'Catheter', price: 3 });
    for (const user of [users.portalA, users.portalC]) {
      expect(await ids(user, 'catalog_item')).toContain(item);
      expect((await app.records.get('catalog_item', item, {}, user.ctx)).name).toBe('Catheter');
    }
    await refusedWith(app.records.update('catalog_item', item, { price: 0 }, undefined, users.portalA.ctx), 'FORBIDDEN', 403);
    await refusedWith(app.records.create('catalog_item', { name: 'Mine' }, users.portalA.ctx), 'FORBIDDEN', 403);
  });
});

describe('a sharing rule through a lookup, with the roles below', () => {
  it('lets manager_east and rep_east edit a big deal of an eastern dealer that manager_west owns', async () => {
    const big = await create(users.mgrWest, 'deal', { name: 'Big in the east', amount: 5000, account: account.A });
    const bigWest = await create(users.mgrWest, 'deal', { name: 'Big in the west', amount: 5000, account: account.B });
    for (const user of [users.mgrEast, users.repEast]) {
      const listed = await ids(user, 'deal');
      expect(listed).toContain(big);
      expect(listed).not.toContain(bigWest);
      expect((await app.records.update('deal', big, { stage: 'open' }, undefined, user.ctx)).stage).toBe('open');
      await refusedWith(app.records.get('deal', bigWest, {}, user.ctx), 'RECORD_NOT_FOUND', 404);
    }
    // The dealer moves west: the deal is out of reach.
    await app.records.update('account', account.A, { region: 'west' }, undefined, users.admin.ctx);
    expect(await ids(users.repEast, 'deal')).not.toContain(big);
    await app.records.update('account', account.A, { region: 'east' }, undefined, users.admin.ctx);
    expect(await ids(users.repEast, 'deal')).toContain(big);
  });
});

describe('a lookup to a record the user can no longer see', () => {
  it('expands to just its id and reads as empty in a lookup-path filter', async () => {
    const shared = await create(users.repEast, 'deal', { name: 'Won, then lost', stage: 'won' });
    const own = await create(users.mgrWest, 'deal_line', { name: 'Line on a shared deal', deal: shared });
    await app.records.update('deal', shared, { stage: 'lost' }, undefined, users.repEast.ctx);
    const got = await app.records.get('deal_line', own, { expand: ['deal'] }, users.mgrWest.ctx);
    expect(got.deal).toEqual({ id: shared });
    const byName = { '==': [{ var: 'deal.name' }, 'Won, then lost'] };
    expect(await ids(users.mgrWest, 'deal_line', { filter: byName })).toEqual([]);
    expect(await ids(users.mgrWest, 'deal_line', { filter: { '==': [{ var: 'deal.name' }, null] } })).toContain(own);
    // Those who still see the deal (its owner, and above it) see the line through it (controlled by parent).
    expect(await ids(users.repEast, 'deal_line', { filter: byName })).toEqual([own]);
    expect(await ids(users.mgrEast, 'deal_line', { filter: byName })).toEqual([own]);
    expect(await ids(users.repWest, 'deal_line', { filter: byName })).toEqual([]);
  });

  it('expands a deleted deal of a report to just its id', async () => {
    const doomed = await create(users.repEast, 'deal', { name: 'To be deleted', account: account.A });
    const own = await create(users.mgrEast, 'deal_line', { name: 'Line on a doomed deal', deal: doomed });
    expect((await app.records.get('deal_line', own, { expand: ['deal'] }, users.mgrEast.ctx)).deal).toMatchObject({ name: 'To be deleted' });
    await app.records.remove('deal', doomed, users.repEast.ctx);
    expect((await app.records.get('deal_line', own, { expand: ['deal'] }, users.mgrEast.ctx)).deal).toEqual({ id: doomed });
  });

  it('follows two lookups through a sharing rule that itself follows a lookup', async () => {
    const big = await create(users.mgrWest, 'deal', { name: 'Big, with a line', amount: 7000, account: account.A });
    const bigLine = await create(users.mgrWest, 'deal_line', { name: 'Line of a big deal', deal: big });
    const eastern = { and: [{ '==': [{ var: 'deal.account.region' }, 'east'] }, { '==': [{ var: 'deal.name' }, 'Big, with a line'] }] };
    expect(await ids(users.repEast, 'deal_line', { filter: eastern })).toEqual([bigLine]);
    expect(await ids(users.repWest, 'deal_line', { filter: eastern })).toEqual([]);
    expect(await ids(users.portalA, 'deal_line', { filter: eastern })).toEqual([bigLine]);
    expect(await ids(users.portalB, 'deal_line', { filter: eastern })).toEqual([]);
  });
});
