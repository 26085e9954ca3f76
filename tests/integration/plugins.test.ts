import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../engine/src/security/principal.ts';
import { removePluginFolders, writePluginFolder } from '../helpers/plugin-folder.ts';
import { deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = path.join(ROOT, 'plugins/example_notes');
const label = (en: string, zh = en) => ({ 'zh-CN': zh, en });

let app: TestApp;
const ctx = () => systemContext(app.adminId, 'test');
const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: unknown) =>
  app.server.inject({ method, url, payload: payload as object, headers: { 'accept-language': 'en' } });
const tables = async () =>
  (await app.db.knex('information_schema.tables').where('table_schema', 'data').pluck('table_name')).sort();

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  removePluginFolders();
  await app?.dispose();
});

describe('the example plugin', () => {
  it('shows its plan in a dry run and changes nothing', async () => {
    const result = await app.plugins.install(EXAMPLE, { dryRun: true, ctx: ctx() });
    expect(result.applied).toBe(false);
    expect(result.steps[0]).toMatchObject({ kind: 'create_table', object: 'note' });
    expect(await tables()).toEqual([]);
    expect(await app.plugins.list()).toEqual([]);
  });

  it('installs: its table, its seed data through its hook, listed with its version', async () => {
    const res = await call('POST', '/api/plugins', { plugin: 'example_notes' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ applied: true, plugin: { name: 'example_notes', version: '1.0.0' }, rows: 1 });
    expect(await tables()).toEqual(['note']);
    const seeded = (await call('GET', '/api/records/note')).json().data;
    expect(seeded).toHaveLength(1);
    expect(seeded[0].words).toBe(17); // 12 Chinese characters and 5 English words
    const listed = (await call('GET', '/api/plugins')).json().data;
    expect(listed).toMatchObject([{ name: 'example_notes', version: '1.0.0', label: { en: 'Example: notes' } }]);
    const again = await call('POST', '/api/plugins', { plugin: 'example_notes' });
    expect(again.statusCode).toBe(409);
  });

  it('runs its beforeWrite hook on every write, and its veto is a field error', async () => {
    const created = await call('POST', '/api/records/note', { title: 'Plan', body: 'ship the plugin system today' });
    expect(created.json().words).toBe(5);
    const updated = await call('PATCH', `/api/records/note/${created.json().id}`, { body: '两个字' });
    expect(updated.json().words).toBe(3);
    const vetoed = await call('POST', '/api/records/note', { title: '   ' });
    expect(vetoed.statusCode).toBe(422);
    expect(vetoed.json().errors).toEqual([{ field: 'title', rule: 'blank', message: 'The title cannot be only spaces' }]);
  });

  it('serves its action and its route', async () => {
    const note = (await call('POST', '/api/records/note', { title: 'Pin me' })).json();
    const pinned = await call('POST', `/api/records/note/${note.id}/actions/pin`);
    expect(pinned.statusCode, pinned.body).toBe(200);
    expect(pinned.json()).toMatchObject({ id: note.id, pinned: true, version: 2 });
    expect((await call('POST', `/api/records/note/${note.id}/actions/explode`)).json().code).toBe('ACTION_NOT_FOUND');
    const route = await call('GET', '/api/plugins/example_notes/count-words?text=one%20two');
    expect(route.json()).toEqual({ words: 2 });
    expect((await call('GET', '/api/plugins/example_notes/nowhere')).statusCode).toBe(404);
  });

  it('adds its operator to the rules an admin writes', async () => {
    const rule = {
      kind: 'validationRule', name: 'note_body_long_enough', object: 'note', field: 'body',
      errorWhen: { '<': [{ word_count: [{ var: 'body' }] }, 3] },
      message: label('A note needs at least 3 words', '笔记至少 3 个词'),
    };
    expect((await deploy(app, [rule])).statusCode).toBe(200);
    const short = await call('POST', '/api/records/note', { title: 'Short', body: 'two words' });
    expect(short.json().errors).toEqual([{ field: 'body', rule: 'note_body_long_enough', message: 'A note needs at least 3 words' }]);
    expect((await call('DELETE', '/api/meta/validationRule/note_body_long_enough')).statusCode).toBe(200);
  });

  it('uninstalls keeping the data, and purges only with the name as confirmation', async () => {
    const refused = await call('DELETE', '/api/plugins/example_notes?purge=true&confirm=yes');
    expect(refused.statusCode).toBe(409);
    const kept = await call('DELETE', '/api/plugins/example_notes');
    expect(kept.statusCode, kept.body).toBe(200);
    expect(await tables()).toEqual(['note']);
    expect((await call('GET', '/api/records/note')).json().code).toBe('OBJECT_NOT_FOUND');
    expect(await app.plugins.list()).toEqual([]);

    // Installing again finds the table with its data: nothing was lost.
    await app.plugins.install(EXAMPLE, { ctx: ctx() });
    expect((await call('GET', '/api/records/note?count=true')).json().total).toBeGreaterThan(3);
    const preview = await call('DELETE', '/api/plugins/example_notes?purge=true&confirm=example_notes&dryRun=true');
    const purgeStep = (preview.json().steps as { kind: string; risk?: { level: string; reason: { en: string } } }[]).find((s) => s.kind === 'purge_table');
    expect(purgeStep?.risk).toMatchObject({ level: 'destructive', reason: { en: 'Drops the table and all its data, for good' } });
    expect(await tables()).toEqual(['note']);
    const purged = await call('DELETE', '/api/plugins/example_notes?purge=true&confirm=example_notes');
    expect(purged.statusCode, purged.body).toBe(200);
    expect(purged.json().steps.map((s: { kind: string }) => s.kind)).toContain('purge_table');
    expect(await tables()).toEqual([]);
  });
});

describe('upgrades keep the admin\'s customizations', () => {
  const v1 = {
    kind: 'object', name: 'depot', label: label('Depot', '仓库'),
    fields: [
      { name: 'name', type: 'text', label: label('Name', '名称'), required: true },
      { name: 'capacity', type: 'integer', label: label('Capacity', '容量') },
    ],
  };

  it('applies a new version\'s label and field while keeping a custom field and a custom rule', async () => {
    await app.plugins.install(writePluginFolder({ name: 'depots', version: '1.0.0', documents: [v1] }), { ctx: ctx() });
    const custom = { kind: 'object', name: 'depot', fields: [{ name: 'manager', type: 'text', label: label('Manager', '负责人') }] };
    const customized = await call('PUT', '/api/meta/object/depot', custom);
    expect(customized.statusCode, customized.body).toBe(200);
    const rule = {
      kind: 'validationRule', name: 'depot_capacity_positive', object: 'depot', field: 'capacity',
      errorWhen: { '<=': [{ var: 'capacity' }, 0] }, message: label('Capacity must be positive', '容量须为正数'),
    };
    expect((await deploy(app, [rule])).statusCode).toBe(200);

    const v2 = { ...v1, label: label('Warehouse', '库房'), fields: [...v1.fields, { name: 'city', type: 'region', label: label('City', '城市') }] };
    const dry = await app.plugins.upgrade(writePluginFolder({ name: 'depots', version: '1.1.0', documents: [v2] }), { dryRun: true, ctx: ctx() });
    expect(dry.steps.map((s) => s.kind)).toEqual(['add_column', 'metadata_only', 'save_document']);
    const upgraded = await app.plugins.upgrade(writePluginFolder({ name: 'depots', version: '1.1.0', documents: [v2] }), { ctx: ctx() });
    expect(upgraded.applied).toBe(true);

    const effective = (await call('GET', '/api/meta/object/depot')).json();
    expect(effective.label.en).toBe('Warehouse');
    expect(effective.fields.map((f: { name: string }) => f.name)).toEqual(['name', 'capacity', 'city', 'manager']);
    const record = await call('POST', '/api/records/depot', { name: '成都仓', capacity: 0, city: '510100', manager: '王五' });
    expect(record.json().errors[0].rule).toBe('depot_capacity_positive');
    expect((await app.plugins.list()).find((p) => p.name === 'depots')?.version).toBe('1.1.0');
  });

  it('lists each document with the layers that hold it and the plugin that ships it', async () => {
    const listed = (await call('GET', '/api/meta/object')).json();
    expect(listed.data.map((d: { name: string }) => d.name)).toContain('depot');
    expect(listed.origins.depot).toEqual({ layers: ['base', 'custom'], plugin: 'depots' });
    expect((await call('GET', '/api/meta/validationRule')).json().origins.depot_capacity_positive).toEqual({ layers: ['custom'] });
  });

  it('refuses an upgrade that removes a field a custom rule uses, names the conflict, and changes nothing', async () => {
    const before = await app.db.knex('qd_metadata_documents').count<{ n: string }[]>({ n: '*' });
    const v3 = { ...v1, fields: [v1.fields[0]] };
    const folder = writePluginFolder({ name: 'depots', version: '2.0.0', documents: [v3] });
    const res = await call('POST', '/api/plugins/depots/upgrade', {});
    expect(res.json().code).toBe('PLUGIN_INVALID'); // the API installs only from the plugins folder; this package lives elsewhere
    await expect(app.plugins.upgrade(folder, { ctx: ctx() })).rejects.toMatchObject({
      code: 'PLUGIN_CONFLICT',
      errors: [
        expect.objectContaining({ field: 'validationRule:depot_capacity_positive/field', rule: 'unknown_field' }),
        expect.objectContaining({ field: 'validationRule:depot_capacity_positive/errorWhen/<=/0/var', rule: 'unknown_field' }),
      ],
      extra: {
        conflicts: [
          expect.objectContaining({ document: { kind: 'validationRule', name: 'depot_capacity_positive' }, path: '/field', custom: 'capacity' }),
          expect.objectContaining({ path: '/errorWhen/<=/0/var', custom: 'capacity' }),
        ],
      },
    });
    expect(await app.db.knex('qd_metadata_documents').count<{ n: string }[]>({ n: '*' })).toEqual(before);
    expect((await app.plugins.list()).find((p) => p.name === 'depots')?.version).toBe('1.1.0');
  });

  it('refuses a package that is not newer, an engine it does not fit, and a missing dependency', async () => {
    const same = writePluginFolder({ name: 'depots', version: '1.1.0', documents: [v1] });
    await expect(app.plugins.upgrade(same, { ctx: ctx() })).rejects.toMatchObject({ code: 'PLUGIN_STATE' });
    const future = writePluginFolder({ name: 'future', version: '1.0.0', documents: [], extra: { engine: '>=9.0.0' } });
    await expect(app.plugins.install(future, { ctx: ctx() })).rejects.toMatchObject({ code: 'PLUGIN_STATE' });
    const needy = writePluginFolder({ name: 'needy', version: '1.0.0', documents: [], extra: { dependencies: { absent: '^1.0.0' } } });
    await expect(app.plugins.install(needy, { ctx: ctx() })).rejects.toMatchObject({ code: 'PLUGIN_STATE' });
  });

  it('uninstalls with the admin\'s overlays of its objects, but not while a custom rule still needs them', async () => {
    await expect(app.plugins.uninstall('depots', { ctx: ctx() })).rejects.toMatchObject({
      code: 'PLUGIN_CONFLICT',
      errors: [expect.objectContaining({ field: 'validationRule:depot_capacity_positive/object', rule: 'unknown_object' })],
    });
    expect((await call('DELETE', '/api/meta/validationRule/depot_capacity_positive')).statusCode).toBe(200);
    const removed = await app.plugins.uninstall('depots', { ctx: ctx() });
    expect(removed.steps.map((s) => s.description.en)).toEqual([
      'Delete document object:depot (base layer; tables and data are kept)',
      'Delete document object:depot (custom layer; tables and data are kept)',
    ]);
    expect((await call('GET', '/api/meta/object/depot')).statusCode).toBe(404);
  });

  it('refuses a broken manifest with every problem named', async () => {
    const broken = writePluginFolder({ name: 'broken', version: '1.0.0', documents: [], extra: { version: 'one', colour: 'red', documents: ['missing'] } });
    await expect(app.plugins.install(broken, { ctx: ctx() })).rejects.toMatchObject({
      code: 'PLUGIN_INVALID',
      errors: expect.arrayContaining([
        expect.objectContaining({ field: 'plugin.json/version', rule: 'bad_format' }),
        expect.objectContaining({ field: 'plugin.json/colour', rule: 'unknown_property' }),
      ]),
    });
  });
});

describe('a copy of the example plugin, renamed as its README says', () => {
  const copy = path.join(ROOT, 'plugins', `copy_of_notes_${process.pid}`);
  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

  it('installs and its hook runs', async () => {
    fs.cpSync(EXAMPLE, copy, { recursive: true });
    const manifestFile = path.join(copy, 'plugin.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, name: path.basename(copy), version: '0.1.0' }));
    const result = await app.plugins.install(copy, { ctx: ctx() });
    expect(result.plugin).toEqual({ name: path.basename(copy), version: '0.1.0' });
    const note = await call('POST', '/api/records/note', { title: 'Mine', body: 'my own plugin works' });
    expect(note.json().words).toBe(4);
  });

  it('is listed with the newer version its folder holds, once there is one', async () => {
    const listed = async () => (await call('GET', '/api/plugins')).json().data.find((p: { name: string }) => p.name === path.basename(copy));
    expect(await listed()).not.toHaveProperty('availableVersion');
    const manifestFile = path.join(copy, 'plugin.json');
    fs.writeFileSync(manifestFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifestFile, 'utf8')), version: '0.2.0' }));
    expect(await listed()).toMatchObject({ version: '0.1.0', availableVersion: '0.2.0' });
  });
});

describe('afterCommit hooks', () => {
  const ECHO = path.join(ROOT, 'tests/fixtures/plugins/echo');

  it('run after the write committed, from the outbox, once per write', async () => {
    await app.plugins.install(ECHO, { ctx: ctx() });
    const ping = (await call('POST', '/api/records/ping', { title: 'hello' })).json();
    await call('PATCH', `/api/records/ping/${ping.id}`, { title: 'hello again' });
    await app.relay.drain();
    await app.relay.drain();
    const pongs = (await call('GET', '/api/plugins/echo/pongs')).json();
    expect(pongs).toEqual([{ recordId: ping.id, action: 'create' }, { recordId: ping.id, action: 'update' }]);
  });

  it('retry a failing hook and give up after five attempts, keeping the error', async () => {
    const ping = (await call('POST', '/api/records/ping', { title: 'fail' })).json();
    expect(ping.title).toBe('fail'); // the write itself stands
    await app.relay.drain();
    const event = await app.db.knex('qd_outbox').where({ record_id: ping.id }).first();
    expect(event).toMatchObject({ attempts: 5, last_error: 'asked to fail' });
    expect(event.published_at).not.toBeNull();
  });
});
