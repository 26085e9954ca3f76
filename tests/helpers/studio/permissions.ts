/**
 * Drivers of the studio's permissions screens (studio/src/permissions/): roles, a permission set's grid and field
 * matrix, sharing rules and "explain access", clicked as an admin would, never typed JSON.
 */
import type { Page } from 'playwright-core';
import { choose } from './common.ts';

export type PermissionsTab = 'roles' | 'sets' | 'sharing' | 'explain';

export async function openPermissions(page: Page, tab: PermissionsTab): Promise<void> {
  await page.getByTestId('nav-permissions').click();
  await page.getByTestId(`permissions-tab-${tab}`).click();
  await page.getByTestId(`${tab}-tab`).waitFor();
}

export interface Labelled {
  name: string;
  zh: string;
  en: string;
}

/** Fills the API name and the two labels of a new document's form (`prefix` is `role`, `set` or `rule`). */
async function fillNameAndLabel(page: Page, prefix: string, doc: Labelled): Promise<void> {
  await page.getByTestId(`${prefix}-name`).fill(doc.name);
  await page.getByTestId(`${prefix}-label-zh`).fill(doc.zh);
  await page.getByTestId(`${prefix}-label-en`).fill(doc.en);
}

/** Picks options of an antd multiple select by the text they contain, then closes it. */
async function chooseMany(page: Page, testId: string, texts: readonly string[]): Promise<void> {
  for (const text of texts) {
    await choose(page, testId, text);
    await page.keyboard.press('Escape');
  }
}

export interface NewRole extends Labelled {
  /** The parent's API name. */
  parent: string;
  permissionSets: string[];
}

/** On the roles tab: the new role's form filled in and saved (the deploy plan is left for the caller to confirm). */
export async function addRole(page: Page, role: NewRole): Promise<void> {
  await page.getByTestId('new-role').click();
  await fillNameAndLabel(page, 'role', role);
  await choose(page, 'role-parent', `(${role.parent})`);
  await chooseMany(page, 'role-permission-sets', role.permissionSets.map((set) => `(${set})`));
  await page.getByTestId('role-save').click();
}

/** From the permission sets tab, a new set's page with its name and labels filled in. */
export async function startPermissionSet(page: Page, set: Labelled): Promise<void> {
  await page.getByTestId('new-set').click();
  await fillNameAndLabel(page, 'set', set);
}

/** Checks the grid's boxes of `rights` on `object`. */
export async function grantRights(page: Page, object: string, rights: readonly string[]): Promise<void> {
  await page.getByTestId('set-tab-objects').click();
  for (const right of rights) await page.getByTestId(`grid-${object}-${right}`).check();
}

/** In the field matrix of `object`, sets `field` to `none`, `read` or `edit`. */
export async function setFieldLevel(page: Page, object: string, field: string, level: 'none' | 'read' | 'edit'): Promise<void> {
  await page.getByTestId('set-tab-fields').click();
  await choose(page, 'field-matrix-object', `(${object})`);
  await page.getByTestId(`field-level-${field}-${level}`).click();
}

export interface NewSharingRule extends Labelled {
  object: string;
  roles: string[];
  access: 'read' | 'edit';
}

/** From the sharing rules tab, a new rule's page with everything but its criteria filled in. */
export async function startSharingRule(page: Page, rule: NewSharingRule): Promise<void> {
  await page.getByTestId('new-rule').click();
  await fillNameAndLabel(page, 'rule', rule);
  await choose(page, 'rule-object', `(${rule.object})`);
  await chooseMany(page, 'rule-roles', rule.roles.map((role) => `(${role})`));
  await page.getByTestId(`rule-access-${rule.access}`).click();
}

/** On the explain tab: the user (by user name), the object and a record found by typing its title; waits for the answer. */
export async function explainAccess(page: Page, query: { user: string; object: string; recordTitle: string }): Promise<void> {
  await choose(page, 'explain-user', `(${query.user})`);
  await choose(page, 'explain-object', `(${query.object})`);
  await page.getByTestId('explain-record-select').click();
  await page.keyboard.type(query.recordTitle);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: query.recordTitle }).first().click();
  await page.getByTestId('explain-record').waitFor();
}
