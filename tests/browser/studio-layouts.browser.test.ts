/**
 * The studio's layout designer in Chromium, on the demo product: an admin opens the dealer's layout, drags a field
 * into another section with the mouse and reorders one with the keyboard, adds a column to a list view, and sees the
 * draft in runtime-ui's own form and list before saving; each save goes through the confirmed deploy plan, the app's
 * new-dealer form then shows the field in its new section, and rolling back from the history takes the column away.
 * Screenshots: tests/browser/screenshots/studio-layouts-list.png, studio-layout-editor.png, studio-layout-preview.png.
 */
import { describe, expect, it } from 'vitest';
import type { LayoutDoc } from '../../metadata/src/types.ts';
import { SCENARIO_TIMEOUT, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';
import { choose, confirmPlan, logIn } from '../helpers/studio/common.ts';
import { addColumn, formSectionLabels, moveField, moveFieldByKeyboard, previewHeaders, sectionFields, viewColumns } from '../helpers/studio/layouts.ts';

const suite = webAppSuite('studio', { relayOutbox: false });
const { newPage, shoot } = suite;

async function deployedLayout(): Promise<LayoutDoc> {
  const response = await suite.demo.app.server.inject({ method: 'GET', url: '/api/meta/layout/dealer_layout' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as LayoutDoc;
}

const sectionOf = (layout: LayoutDoc, name: string) => layout.sections!.find((s) => s.name === name)!.fields;
const columnsOf = (layout: LayoutDoc, view: string) => layout.listViews!.find((v) => v.name === view)!.columns;

describe('the studio layout designer', () => {
  it("rearranges the dealer's form and a list view by drag and drop, previews the draft, deploys it and rolls it back", async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'admin', suite.demo.app.firstAdminPassword!.password);
    await page.getByTestId('nav-layouts').click();
    await page.getByTestId('layout-link-dealer_layout').waitFor();
    await page.getByTestId('layout-link-qualification_layout').waitFor();
    await shoot(page, 'layouts-list');

    await page.getByTestId('layout-link-dealer_layout').click();
    const preview = page.getByTestId('layout-form-preview');
    await preview.getByTestId('form-section-location').waitFor();
    expect(await sectionFields(page, 'identity')).toEqual(['name', 'credit_code', 'tier', 'status', 'status_requested']);

    // The mouse: address out of "location" into "identity", second place.
    await moveField(page, 'address', 'identity', 1);
    expect(await sectionFields(page, 'identity')).toEqual(['name', 'address', 'credit_code', 'tier', 'status', 'status_requested']);
    expect(await sectionFields(page, 'location')).toEqual(['region']);
    // The keyboard: status lifted and moved up a row of the two-column grid, onto credit_code's place.
    await moveFieldByKeyboard(page, 'status', ['ArrowUp']);
    expect(await sectionFields(page, 'identity')).toEqual(['name', 'address', 'status', 'credit_code', 'tier', 'status_requested']);
    // The preview is runtime-ui's form rendering the draft, before anything is saved.
    await expect.poll(() => formSectionLabels(preview, 'identity')).toEqual(['经销商名称', '地址', '状态', '统一社会信用代码', '层级', '申请变更为']);
    expect(await formSectionLabels(preview, 'location')).toEqual(['所在地区']);
    await page.getByTestId('layout-dirty').waitFor();
    expect(await deployedLayout().then((l) => sectionOf(l, 'identity'))).toEqual(['name', 'credit_code', 'tier', 'status', 'status_requested']);
    await shoot(page, 'layout-editor');

    await page.getByTestId('layout-save').click();
    await confirmPlan(page);
    await expect.poll(async () => sectionOf(await deployedLayout(), 'identity')).toEqual(['name', 'address', 'status', 'credit_code', 'tier', 'status_requested']);
    await page.getByTestId('layout-dirty').waitFor({ state: 'detached' });

    await page.getByTestId('layout-tab-list-views').click();
    await page.getByTestId('list-view-active').waitFor();
    await expect.poll(() => previewHeaders(page, 'active')).toEqual(['经销商名称', '层级', '所在地区', '渠道经理']);
    await addColumn(page, 'active', 'status', 4);
    expect(await viewColumns(page, 'active')).toEqual(['name', 'tier', 'region', 'channel_manager', 'status']);
    await expect.poll(() => previewHeaders(page, 'active')).toEqual(['经销商名称', '层级', '所在地区', '渠道经理', '状态']);
    await shoot(page, 'layout-preview');
    await page.getByTestId('layout-save').click();
    await confirmPlan(page);
    await expect.poll(async () => columnsOf(await deployedLayout(), 'active')).toContain('status');

    await page.goto('/o/dealer/new');
    const form = page.getByTestId('record-form');
    await form.getByTestId('form-section-identity').waitFor();
    expect(await formSectionLabels(form, 'identity')).toEqual(['经销商名称', '地址', '状态', '统一社会信用代码', '层级', '申请变更为']);
    expect(await formSectionLabels(form, 'location')).toEqual(['所在地区']);

    await page.goto('/studio/layouts/dealer_layout?tab=history');
    await page.getByTestId('history-rollback-1').click();
    await confirmPlan(page);
    await expect.poll(async () => columnsOf(await deployedLayout(), 'active')).toEqual(['name', 'tier', 'region', 'channel_manager']);
    expect(sectionOf(await deployedLayout(), 'identity')).toEqual(['name', 'address', 'status', 'credit_code', 'tier', 'status_requested']);
    await page.getByTestId('layout-tab-list-views').click();
    await expect.poll(() => viewColumns(page, 'active')).toEqual(['name', 'tier', 'region', 'channel_manager']);
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);

  it('starts a layout for an object without one: a new section, fields dragged in from the palette, saved whole', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'admin', suite.demo.app.firstAdminPassword!.password);
    await page.getByTestId('nav-layouts').click();
    await choose(page, 'new-layout-object', '(product)');
    await page.waitForURL(/\/studio\/layouts\/new\/product$/);
    expect(await page.getByTestId('layout-name').inputValue()).toBe('product_layout');
    await page.getByTestId('layout-add-section').click();
    await page.getByTestId('layout-section-section_1-label-zh').fill('注册信息');
    await page.getByTestId('layout-section-section_1-label-en').fill('Registration');
    await moveField(page, 'registration_no', 'section_1', 0);
    await moveField(page, 'name', 'section_1', 0);
    expect(await sectionFields(page, 'section_1')).toEqual(['name', 'registration_no']);
    await expect.poll(() => formSectionLabels(page.getByTestId('layout-form-preview'), 'section_1')).toEqual(['产品名称', '注册证号']);

    await page.getByTestId('layout-save').click();
    await confirmPlan(page);
    await page.waitForURL(/\/studio\/layouts\/product_layout$/);
    const response = await suite.demo.app.server.inject({ method: 'GET', url: '/api/meta/layout/product_layout' });
    expect(response.json()).toMatchObject({
      object: 'product',
      sections: [{ name: 'section_1', label: { 'zh-CN': '注册信息', en: 'Registration' }, fields: ['name', 'registration_no'] }],
    });
    await page.getByTestId('layout-tab-history').waitFor();
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
