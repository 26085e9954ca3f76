/** Drivers of the studio's workflow designer: the list, a new workflow, nodes from the palette, edges drawn by dragging handles, saving. */
import type { Locator, Page } from 'playwright-core';
import { choose, confirmPlan } from './common.ts';

export async function openWorkflows(page: Page): Promise<void> {
  await page.getByTestId('nav-workflows').click();
  await page.getByTestId('workflows-page').waitFor();
}

/** Makes a workflow from the list page (deployed after its plan) and waits for its designer. */
export async function newWorkflow(page: Page, workflow: { name: string; zh: string; en: string; object: string }): Promise<void> {
  await page.getByTestId('new-workflow').click();
  await page.getByTestId('workflow-name').fill(workflow.name);
  await page.getByTestId('workflow-label-zh').fill(workflow.zh);
  await page.getByTestId('workflow-label-en').fill(workflow.en);
  await choose(page, 'new-workflow-object', `(${workflow.object})`);
  await page.getByTestId('new-workflow-save').click();
  await confirmPlan(page);
  await page.waitForURL(new RegExp(`/studio/workflows/${workflow.name}$`));
  await page.getByTestId('workflow-canvas').locator('.react-flow__node').first().waitFor();
}

/** The node on the canvas whose label (or, unlabelled, type name) is `label`. */
export function step(page: Page, label: string): Locator {
  return page.locator('.react-flow__node').filter({ has: page.getByTestId('step-label').getByText(label, { exact: true }) });
}

/** The node's id, from its `step-<id>` test id. */
export async function stepId(page: Page, label: string): Promise<string> {
  const testId = await step(page, label).locator('[data-problems]').getAttribute('data-testid');
  return testId!.replace(/^step-/, '');
}

/** Adds an approval from the palette and labels it; with `role`, adds that role as its approver. */
export async function addApprovalStep(page: Page, options: { label: string; en?: string; role?: string }): Promise<void> {
  await page.getByTestId('palette-approval').click();
  await page.getByTestId('step-panel').waitFor();
  await page.getByTestId('step-label-zh').fill(options.label);
  await page.getByTestId('step-label-en').fill(options.en ?? options.label);
  if (options.role) await addRoleApprover(page, options.role);
}

/** Adds a role as an approver of the approval shown in the side panel. */
export async function addRoleApprover(page: Page, role: string): Promise<void> {
  await choose(page, 'step-approvers-value', `(${role})`);
  // A closing option list still takes clicks: wait until it is gone.
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
  await page.getByTestId('step-approvers-add').click();
  await page.getByTestId('step-approvers-item').filter({ hasText: `(${role})` }).waitFor();
}

/** Opens a node's side panel. */
export async function selectStep(page: Page, label: string): Promise<void> {
  await step(page, label).click();
  await page.getByTestId('step-panel').waitFor();
}

/**
 * Draws an edge by dragging from one node's bottom handle to the other's top handle. On a loaded machine React Flow
 * can miss a drop that lands before it has seen the pointer over the handle, so the drag is tried again.
 */
export async function connect(page: Page, fromLabel: string, toLabel: string): Promise<void> {
  const [from, to] = [await stepId(page, fromLabel), await stepId(page, toLabel)];
  const link = page.getByTestId(`link-${from}-${to}`);
  for (let attempt = 1; ; attempt++) {
    const source = await step(page, fromLabel).getByTestId('step-out').boundingBox();
    const target = await step(page, toLabel).getByTestId('step-in').boundingBox();
    const [x, y] = [target!.x + target!.width / 2, target!.y + target!.height / 2];
    await page.mouse.move(source!.x + source!.width / 2, source!.y + source!.height / 2);
    await page.mouse.down();
    await page.mouse.move(x, y, { steps: 12 });
    await page.mouse.move(x + 1, y + 1, { steps: 2 });
    await page.mouse.up();
    try {
      await link.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Opens an edge's side panel by its label on the canvas. */
export async function selectLink(page: Page, fromLabel: string, toLabel: string): Promise<void> {
  await page.getByTestId(`link-${await stepId(page, fromLabel)}-${await stepId(page, toLabel)}`).click();
  await page.getByTestId('link-panel').waitFor();
}

export async function deleteLink(page: Page, fromLabel: string, toLabel: string): Promise<void> {
  const testId = `link-${await stepId(page, fromLabel)}-${await stepId(page, toLabel)}`;
  await selectLink(page, fromLabel, toLabel);
  await page.getByTestId('link-delete').click();
  await page.getByTestId(testId).waitFor({ state: 'detached' });
}

/** Shows the workflow's own properties (nothing selected) and switches it on. */
export async function activate(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
  await page.getByTestId('workflow-settings').waitFor();
  await page.getByTestId('workflow-active').click();
}

export async function autoLayout(page: Page): Promise<void> {
  await page.getByTestId('workflow-auto-layout').click();
}

/** Waits for the engine's dry run of the current graph to answer. */
export async function checked(page: Page): Promise<void> {
  await page.getByTestId('workflow-checking').waitFor({ state: 'detached' });
}

/** Saves through the deploy plan, once the dry run finds no problem. */
export async function saveWorkflow(page: Page): Promise<void> {
  await page.getByTestId('workflow-valid').waitFor();
  await page.getByTestId('workflow-save').click();
  await confirmPlan(page);
  await page.getByTestId('workflow-unsaved').waitFor({ state: 'detached' });
}
