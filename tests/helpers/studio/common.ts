/** Drivers every studio browser test uses: signing in, the language, antd selects and the deploy plan. */
import type { Locator, Page } from 'playwright-core';
import { pressUntilTaken } from '../browser.ts';

export async function logIn(page: Page, username: string, password: string, at = '/studio/'): Promise<void> {
  await page.goto(at);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

export async function switchLanguage(page: Page, language: 'zh-CN' | 'en'): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByTestId(`language-${language}`).click();
}

/** Picks the first option of an antd Select whose label contains `text`. */
export async function choose(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-item-option-active').filter({ hasText: text }).waitFor();
  await page.keyboard.press('Enter');
}

/** Unfolds the plan's first step; a click while the modal still zooms in can miss, so it is tried again. */
async function openFirstStep(plan: Locator): Promise<void> {
  const sql = plan.getByTestId('plan-step-sql').first();
  for (let attempt = 1; !(await sql.isVisible()); attempt++) {
    await plan.locator('.ant-collapse-header').first().click();
    try {
      await sql.waitFor({ timeout: 3_000 });
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

/** Confirms the deploy plan that a save shows, and waits for it to close; with `shoot`, screenshots the plan with its SQL open. */
export async function confirmPlan(page: Page, shoot?: (page: Page) => Promise<void>): Promise<void> {
  const plan = page.getByTestId('deploy-plan');
  await plan.waitFor();
  if (shoot) {
    await openFirstStep(plan);
    await shoot(page);
  }
  await pressUntilTaken(page, 'plan-confirm', 'deploy-plan');
  await page.getByTestId('deploy-plan').waitFor({ state: 'detached', timeout: 90_000 });
}
