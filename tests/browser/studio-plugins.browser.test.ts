/**
 * The studio's plugins page and entity-relationship view in Chromium, on the product as `npm start` brings it up
 * (the medical-device pack) plus a small plugin of the test's own in the plugins folder. An admin sees the installed
 * versions; an upgrade whose new version no longer fits a customization is refused with the conflict shown (the
 * plugin's new value against the custom layer's); without that customization the upgrade's plan is confirmed and the
 * new version listed; uninstalling it with a purge asks for its name and flags the table drop. The ER view shows the dealer with the objects that point at it, and opens an object's page.
 * Screenshots: studio-plugins, studio-plugin-upgrade, studio-er.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../engine/src/security/principal.ts';
import { removePluginFolders } from '../helpers/plugin-folder.ts';
import { SCENARIO_TIMEOUT, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';
import { choose, confirmPlan, logIn } from '../helpers/studio/common.ts';
import { previewUpgrade, putInPluginsFolder, removeFromPluginsFolder } from '../helpers/studio/plugins.ts';

const PLUGIN = `studio_depots_${process.pid}`;
const label = (en: string, zh: string) => ({ 'zh-CN': zh, en });
const option = (value: string, en: string, zh: string) => ({ value, label: label(en, zh) });

/** Version 1 lets a depot be small, medium or large; version 2 drops large and defaults to medium. */
const depot = (options: ReturnType<typeof option>[], defaultSize: string) => ({
  kind: 'object', name: 'depot', label: label('Depot', '仓库'),
  fields: [
    { name: 'name', type: 'text', label: label('Name', '名称'), required: true },
    { name: 'size', type: 'picklist', label: label('Size', '规模'), options, default: defaultSize },
  ],
});
const SMALL = option('small', 'Small', '小');
const MEDIUM = option('medium', 'Medium', '中');
const LARGE = option('large', 'Large', '大');

const suite = webAppSuite('studio', {
  relayOutbox: false,
  setUp: async (demo) => {
    const dir = putInPluginsFolder({ name: PLUGIN, version: '1.0.0', documents: [depot([SMALL, MEDIUM, LARGE], 'small')] });
    await demo.app.plugins.install(dir, { ctx: systemContext(demo.app.adminId, 'test') });
    // An implementer's customization: new depots default to large.
    const custom = await demo.app.server.inject({ method: 'PUT', url: '/api/meta/object/depot', payload: { kind: 'object', name: 'depot', fields: [{ name: 'size', default: 'large' }] } });
    expect(custom.statusCode, custom.body).toBe(200);
    putInPluginsFolder({ name: PLUGIN, version: '2.0.0', documents: [depot([SMALL, MEDIUM], 'medium')] });
  },
});
const { newPage, shoot } = suite;

afterAll(() => {
  removeFromPluginsFolder(PLUGIN);
  removePluginFolders();
});

const adminPassword = () => suite.demo.app.firstAdminPassword!.password;

describe('the studio\'s plugins page', () => {
  it('lists the installed versions, shows an upgrade\'s conflict with a customization, then upgrades through the plan', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'admin', adminPassword());
    await page.getByTestId('nav-plugins').click();
    await expect.poll(() => page.getByTestId('plugin-version-medical_dms').textContent()).toBe('0.1.0');
    await expect.poll(() => page.getByTestId(`plugin-version-${PLUGIN}`).textContent()).toBe('1.0.0');
    expect(await page.getByTestId(`plugin-state-${PLUGIN}`).textContent()).toContain('2.0.0');
    expect(await page.getByTestId('plugin-upgrade-medical_dms').count()).toBe(0);
    await shoot(page, 'plugins');

    await previewUpgrade(page, PLUGIN);
    const conflicts = page.getByTestId('plugin-conflicts');
    expect(await conflicts.textContent()).toContain('object:depot');
    expect(await conflicts.textContent()).toContain('/fields/1/default');
    expect(await conflicts.getByTestId('conflict-plugin-value').textContent()).toBe('medium');
    expect(await conflicts.getByTestId('conflict-custom-value').textContent()).toBe('large');
    await shoot(page, 'plugin-upgrade');
    expect(await page.getByTestId(`plugin-version-${PLUGIN}`).textContent()).toBe('1.0.0');

    // The implementer drops the customization; the upgrade now fits and goes through its plan.
    const rollback = await suite.demo.app.server.inject({ method: 'POST', url: '/api/meta/object/depot/rollback', payload: { version: 0 } });
    expect(rollback.statusCode, rollback.body).toBe(200);
    await previewUpgrade(page, PLUGIN);
    await confirmPlan(page);
    await expect.poll(() => page.getByTestId(`plugin-version-${PLUGIN}`).textContent()).toBe('2.0.0');
    await expect.poll(() => page.getByTestId('plugin-work').getAttribute('data-status')).toBe('succeeded');
    expect(await page.getByTestId(`plugin-upgrade-${PLUGIN}`).count()).toBe(0);

    await page.getByTestId('nav-objects').click();
    await expect.poll(() => page.getByTestId('object-origin-dealer').textContent()).toContain('medical_dms');
    expect(await page.getByTestId('object-origin-depot').textContent()).toContain(PLUGIN);

    // Uninstalling with a purge asks for the name, and its plan flags the table drop as destructive.
    await page.getByTestId('nav-plugins').click();
    await page.getByTestId(`plugin-uninstall-${PLUGIN}`).click();
    await page.getByTestId('uninstall-purge').check();
    expect(await page.getByTestId('uninstall-preview').isDisabled()).toBe(true);
    await page.getByTestId('uninstall-confirm-name').fill(PLUGIN);
    await page.getByTestId('uninstall-preview').click();
    await page.getByTestId('deploy-plan').waitFor();
    expect(await page.getByTestId('plan-risk').first().textContent()).toMatch(/破坏性/);
    await confirmPlan(page);
    await page.getByTestId(`plugin-row-${PLUGIN}`).waitFor({ state: 'detached' });
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});

describe('the studio\'s entity-relationship view', () => {
  it('draws the dealer with the objects that look it up, narrows to its neighbours, and opens an object', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'admin', adminPassword());
    await page.getByTestId('nav-er').click();
    await page.getByTestId('er-node-dealer').waitFor();
    for (const edge of ['dealer_contact.dealer', 'dealer_credit.dealer', 'qualification.dealer', 'dealer.parent']) {
      await page.getByTestId(`rf__edge-${edge}`).waitFor({ state: 'attached' });
    }
    expect(await page.getByTestId('er-field-dealer_contact-dealer').textContent()).toContain('→ dealer');
    await shoot(page, 'er');

    await choose(page, 'er-focus', '(dealer)');
    await page.getByTestId('er-node-product').waitFor({ state: 'detached' });
    expect(await page.getByTestId('er-node-dealer_contact').count()).toBe(1);
    await page.getByTestId('er-node-dealer_contact').click();
    await page.getByTestId('object-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/studio/objects/dealer_contact');
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
