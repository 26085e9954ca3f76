/**
 * A small sales organisation for record-access tests: dealers (`account`, the portal account object), their
 * deals (with a secret `margin`), deal lines two lookups from the dealer, and a public catalogue; a role tree
 * director > manager_east > rep_east, director > manager_west > rep_west, and a portal role; a sharing rule that
 * shows won deals to manager_west, and one that lets manager_east and those below it edit big deals of eastern
 * dealers (a criterion through a lookup).
 */
import { v7 as uuidv7 } from 'uuid';
import { deployOrThrow } from '../../engine/src/deploy/deploy.ts';
import type { Principal, WriteContext } from '../../engine/src/security/principal.ts';
import type { TestApp } from './test-app.ts';

const label = (en: string) => ({ 'zh-CN': en, en });
const CRUD = { create: true, read: true, update: true, delete: true };

export const ACCESS_DOCUMENTS = [
  {
    kind: 'object', name: 'account', label: label('Dealer'),
    fields: [
      { name: 'name', type: 'text', label: label('Name'), required: true },
      { name: 'region', type: 'text', label: label('Region') },
    ],
    access: { portalAccount: true, internal: 'read' },
  },
  {
    kind: 'object', name: 'deal', label: label('Deal'),
    fields: [
      { name: 'name', type: 'text', label: label('Name'), required: true },
      { name: 'stage', type: 'picklist', label: label('Stage'), options: ['open', 'won', 'lost'].map((value) => ({ value, label: label(value) })) },
      { name: 'amount', type: 'money', label: label('Amount') },
      { name: 'margin', type: 'money', label: label('Margin') },
      { name: 'account', type: 'lookup', target: 'account', label: label('Dealer') },
    ],
    access: { portalVia: 'account' },
  },
  {
    kind: 'object', name: 'deal_line', label: label('Deal line'),
    fields: [
      { name: 'name', type: 'text', label: label('Name'), required: true },
      { name: 'deal', type: 'master_detail', target: 'deal', label: label('Deal'), required: true },
      { name: 'quantity', type: 'integer', label: label('Quantity') },
    ],
    access: { portalVia: 'deal.account', controlledBy: 'deal' },
  },
  {
    kind: 'object', name: 'catalog_item', label: label('Catalogue item'),
    fields: [
      { name: 'name', type: 'text', label: label('Name'), required: true },
      { name: 'price', type: 'money', label: label('Price') },
    ],
    access: { portalPublic: true, internal: 'read' },
  },
  {
    kind: 'permissionSet', name: 'sales', label: label('Sales'),
    objects: { account: CRUD, deal: CRUD, deal_line: CRUD, catalog_item: CRUD },
  },
  {
    kind: 'permissionSet', name: 'sales_rep', label: label('Sales rep'),
    objects: { account: CRUD, deal: CRUD, deal_line: CRUD, catalog_item: CRUD },
    fields: { deal: { margin: 'none' } },
  },
  {
    kind: 'permissionSet', name: 'dealer_portal', label: label('Dealer portal'),
    objects: {
      account: { read: true },
      deal: { read: true, create: true, update: true, delete: true },
      deal_line: { read: true, create: true, update: true },
      // `update` is granted on purpose: the portal's row scope must still refuse to edit a public record.
      catalog_item: { read: true, update: true },
    },
    fields: { deal: { margin: 'none' } },
  },
  { kind: 'role', name: 'director', label: label('Director'), permissionSets: ['sales'] },
  { kind: 'role', name: 'manager_east', label: label('Manager east'), parent: 'director', permissionSets: ['sales'] },
  { kind: 'role', name: 'manager_west', label: label('Manager west'), parent: 'director', permissionSets: ['sales'] },
  { kind: 'role', name: 'rep_east', label: label('Rep east'), parent: 'manager_east', permissionSets: ['sales_rep'] },
  { kind: 'role', name: 'rep_west', label: label('Rep west'), parent: 'manager_west', permissionSets: ['sales_rep'] },
  { kind: 'role', name: 'dealer_user', label: label('Dealer user'), portal: true, permissionSets: ['dealer_portal'] },
  {
    kind: 'sharingRule', name: 'won_deals_west', label: label('Won deals to the west'), object: 'deal',
    criteria: { '==': [{ var: 'stage' }, 'won'] }, roles: ['manager_west'], access: 'read',
  },
  {
    kind: 'sharingRule', name: 'big_eastern_deals', label: label('Big eastern deals'), object: 'deal',
    criteria: { and: [{ '>': [{ var: 'amount' }, 1000] }, { '==': [{ var: 'account.region' }, 'east'] }] },
    roles: ['manager_east'], includeSubordinates: true, access: 'edit',
  },
];

/** Deploys without the HTTP API (which may require a token), then reloads the registry as a deploy route would. */
export async function deployAccessFixture(app: TestApp, documents: unknown[] = ACCESS_DOCUMENTS): Promise<void> {
  await deployOrThrow(app.deployContext, { documents, actor: null });
  await app.registry.reload();
}

export interface TestUser {
  id: string;
  principal: Principal;
  /** A write context acting as this user. */
  ctx: WriteContext;
}

export interface NewTestUser {
  username: string;
  kind?: 'internal' | 'portal';
  role?: string | null;
  permissionSets?: string[];
  accountId?: string | null;
}

/** Inserts the user into qd_users (the role hierarchy condition reads qd_users.role) and returns its principal. */
export async function insertTestUser(app: TestApp, user: NewTestUser): Promise<TestUser> {
  const id = uuidv7();
  const kind = user.kind ?? 'internal';
  const role = user.role ?? null;
  const permissionSets = user.permissionSets ?? [];
  const accountId = user.accountId ?? null;
  await app.db.knex('qd_users').insert({
    id, username: user.username, display_name: user.username, kind, role, permission_sets: permissionSets, account_id: accountId,
  });
  return asUser({ userId: id, username: user.username, kind, role, permissionSets, accountId });
}

export type OrganisationUser =
  | 'admin' | 'director' | 'mgrEast' | 'mgrWest' | 'repEast' | 'repWest' | 'portalA' | 'portalA2' | 'portalB' | 'portalC';

export interface Organisation {
  users: Record<OrganisationUser, TestUser>;
  /** Dealer A is in the east, B in the west, C has no region (and, in the tests, no deals). */
  account: Record<'A' | 'B' | 'C', string>;
}

/** Deploys the fixture, then adds one user per role (two for dealer A) and the three dealers. */
export async function seedOrganisation(app: TestApp): Promise<Organisation> {
  await deployAccessFixture(app);
  const internal = (username: string, role: string) => insertTestUser(app, { username, role });
  const admin = await internal('root', 'admin');
  const dealer = async (name: string, region?: string) => (await app.records.create('account', { name, ...(region ? { region } : {}) }, admin.ctx)).id as string;
  const account = { A: await dealer('Dealer A', 'east'), B: await dealer('Dealer B', 'west'), C: await dealer('Dealer C') };
  const portal = (username: string, accountId: string) => insertTestUser(app, { username, kind: 'portal', role: 'dealer_user', accountId });
  const users = {
    admin,
    director: await internal('director', 'director'),
    mgrEast: await internal('mgr_east', 'manager_east'),
    mgrWest: await internal('mgr_west', 'manager_west'),
    repEast: await internal('rep_east', 'rep_east'),
    repWest: await internal('rep_west', 'rep_west'),
    portalA: await portal('dealer_a', account.A),
    portalA2: await portal('dealer_a2', account.A),
    portalB: await portal('dealer_b', account.B),
    portalC: await portal('dealer_c', account.C),
  };
  return { users, account };
}

/** A principal that exists only in memory (e.g. a portal user whose account link is missing). */
export function asUser(principal: Principal): TestUser {
  return { id: principal.userId, principal, ctx: { actor: principal.userId, requestId: 'test', principal } };
}
