/**
 * Drivers of the studio's rules pages (studio/src/rules/): start a rule, build it by clicking, try it on values,
 * keep what was tried as a case, preview it on existing records and save it through the deploy plan.
 */
import type { Page } from 'playwright-core';
import { choose, confirmPlan } from './common.ts';
import { addRule, joinWith, pickOption, type BuilderRule } from './logic.ts';

export const CONDITION = 'rule-condition';

/** Opens the editor of a new rule from the rules list: its object (as listed, e.g. "(dealer)") and API name. */
export async function startRule(page: Page, rule: { object: string; name: string }): Promise<void> {
  await page.getByTestId('nav-rules').click();
  await page.getByTestId('new-rule').click();
  await choose(page, 'new-rule-object', rule.object);
  await page.getByTestId('new-rule-name').fill(rule.name);
  await page.getByTestId('new-rule-open').click();
  await page.getByTestId('rule-form').waitFor();
}

export interface RuleSpec {
  label: { zh: string; en: string };
  message: { zh: string; en: string };
  /** The field the error attaches to, exactly as the select lists it (e.g. "状态 (status)"). */
  field?: string;
  conditions: BuilderRule[];
  /** How the conditions join ("并且" by default, or "或者"). */
  join?: string;
}

/** Fills in the rule's form, building its condition in the visual builder. */
export async function buildRule(page: Page, spec: RuleSpec): Promise<void> {
  await page.getByTestId('rule-label-zh').fill(spec.label.zh);
  await page.getByTestId('rule-label-en').fill(spec.label.en);
  for (const condition of spec.conditions) await addRule(page, CONDITION, condition);
  if (spec.join) await joinWith(page, CONDITION, spec.join);
  if (spec.field) await pickOption(page, page.getByTestId('rule-field'), spec.field);
  await page.getByTestId('rule-message-zh').fill(spec.message.zh);
  await page.getByTestId('rule-message-en').fill(spec.message.en);
}

/** A value for the try-out, by field path: an option's label for a select, text for an input. */
export type TryValues = Record<string, string>;

/** Types values into the try-it panel, runs it, and answers the verdict ("会被拦截" / "可以通过") and the message; throws the engine's refusal. */
export async function tryRule(page: Page, values: TryValues): Promise<{ verdict: string; message: string }> {
  await page.getByTestId('try-mode-values').click();
  for (const [path, value] of Object.entries(values)) {
    const control = page.getByTestId(`try-value-${path}`);
    const isSelect = (await control.getAttribute('class'))?.includes('ant-select') ?? false;
    if (isSelect) await pickOption(page, control, value);
    else await control.fill(value);
  }
  // Running clears the last answer, so the one awaited is the new one.
  await page.getByTestId('try-run').click();
  const result = page.getByTestId('try-result');
  const refused = page.getByTestId('try-panel').getByTestId('deploy-problems');
  await result.or(refused).waitFor();
  if (await refused.count()) throw new Error(`the engine refused the rule: ${await refused.textContent()}`);
  const verdict = (await page.getByTestId('try-verdict').textContent()) ?? '';
  const message = (await result.locator('.ant-alert-description').count()) ? (await result.locator('.ant-alert-description').textContent()) ?? '' : '';
  return { verdict, message };
}

/** Keeps the values last tried as a case that expects `expect`. */
export async function saveCase(page: Page, expect: 'error' | 'pass'): Promise<void> {
  const cases = page.getByTestId('rule-cases').locator('[data-testid^="case-row-"]');
  const before = await cases.count();
  await page.getByTestId(`case-save-${expect}`).click();
  await page.getByTestId(`case-row-${before}`).waitFor();
}

/** Runs the preview on existing records and answers its sentence. */
export async function previewRule(page: Page): Promise<string> {
  await page.getByTestId('preview-run').click();
  return (await page.getByTestId('preview-result').textContent()) ?? '';
}

/** Saves the rule and confirms the deploy plan (screenshotting it through `shoot` when given). */
export async function saveRule(page: Page, shoot?: (page: Page) => Promise<void>): Promise<void> {
  await page.getByTestId('rule-save').click();
  await confirmPlan(page, shoot);
  await page.getByTestId('rule-form').waitFor();
}
