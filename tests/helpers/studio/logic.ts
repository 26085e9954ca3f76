/**
 * Drivers of the studio's LogicBuilder (studio/src/logic/LogicBuilder.tsx): conditions built by clicking the visual
 * builder, with field, operator and option labels as the user sees them, never typed JSON.
 */
import type { Locator, Page } from 'playwright-core';

export interface BuilderRule {
  /** The field's label as listed, e.g. "等级" or "经销商 › 等级". */
  field: string;
  /** The operator's label, e.g. "等于", "为空". */
  operator: string;
  /** Typed into an input, or the label of an option (several for "属于"); absent for "为空" / "不为空". */
  value?: string | string[];
}

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Opens an antd select and picks the option labelled exactly `text` in the open dropdown, typing to filter long lists. */
export async function pickOption(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: exactly(text) }).first().click();
}

async function setValue(page: Page, rule: Locator, value: string | string[]): Promise<void> {
  const editor = rule.locator('.rule-value').first();
  const classes = (await editor.getAttribute('class')) ?? '';
  if (classes.includes('ant-select')) {
    for (const option of [value].flat()) await pickOption(page, editor, option);
    if (Array.isArray(value)) await page.keyboard.press('Escape');
    return;
  }
  if (await editor.locator('.ant-radio-wrapper').count()) {
    await editor.locator('.ant-radio-wrapper').filter({ hasText: exactly(String(value)) }).click();
    return;
  }
  const input = (await editor.evaluate((el) => el.tagName)) === 'INPUT' ? editor : editor.locator('input').first();
  await input.fill(String(value));
  if (classes.includes('ant-picker')) await input.press('Enter');
}

/** The builder's visual tab, shown. */
async function visualBuilder(page: Page, testId: string): Promise<Locator> {
  const builder = page.getByTestId(testId);
  await builder.getByTestId(`${testId}-tab-visual`).click();
  return builder;
}

/** Adds a condition to the builder's outermost group and fills it in. */
export async function addRule(page: Page, testId: string, rule: BuilderRule): Promise<void> {
  const builder = await visualBuilder(page, testId);
  const ownRules = builder.locator('.ruleGroup').first().locator(':scope > .ruleGroup-body > .rule');
  const before = await ownRules.count();
  await builder.locator('.ruleGroup-addRule').first().click();
  const added = ownRules.nth(before);
  await pickOption(page, added.locator('.rule-fields'), rule.field);
  await pickOption(page, added.locator('.rule-operators'), rule.operator);
  if (rule.value !== undefined) await setValue(page, added, rule.value);
}

/** Sets how the outermost group joins its conditions, by the label ("并且" / "或者", "AND" / "OR"). */
export async function joinWith(page: Page, testId: string, combinator: string): Promise<void> {
  const builder = await visualBuilder(page, testId);
  await pickOption(page, builder.locator('.ruleGroup-combinators').first(), combinator);
}

/** The JSON tab's text, for a test to read what the builder wrote. */
export async function logicJson(page: Page, testId: string): Promise<string> {
  const builder = page.getByTestId(testId);
  await builder.getByTestId(`${testId}-tab-json`).click();
  return builder.getByTestId(`${testId}-json`).inputValue();
}
