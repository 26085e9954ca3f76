/**
 * Issue 7's files, as users see them through the API: uploads, downloads after the permission check of their record
 * (portal users of two dealers), record attachments with their history and the approval lock, and file/image fields
 * that take only the writer's own uploads, attached in the write's own transaction.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataDoc } from '../../metadata/src/types.ts';
import { installBundledPlugins } from '../../engine/src/bundled-plugins.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { purgeUnattached } from '../../engine/src/files/file-store.ts';
import { createUser, deploy, loginAs, startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
type Session = { cookie: string; csrfToken: string } | { token: string } | 'admin';
const sessions: Record<string, Session> = {};

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

const label = (en: string) => ({ 'zh-CN': en, en });
const TEST_DOCS = [
  {
    kind: 'object', name: 'file_test', label: label('File test'),
    fields: [
      { name: 'code', type: 'text', label: label('Code'), unique: true },
      { name: 'doc', type: 'file', label: label('Document') },
      { name: 'photo', type: 'image', label: label('Photo') },
    ],
  },
  {
    kind: 'permissionSet', name: 'file_test_all', label: label('File tests'),
    objects: { file_test: { create: true, read: true, update: true, delete: true } },
  },
  {
    kind: 'workflow', name: 'file_test_review', object: 'file_test', trigger: { on: 'submit' }, label: label('File test review'),
    nodes: [{ id: 'start', type: 'start' }, { id: 'check', type: 'approval', approvers: { role: 'compliance' }, mode: 'any' }, { id: 'end', type: 'end' }],
    edges: [{ from: 'start', to: 'check' }, { from: 'check', to: 'end', on: 'approved' }],
  },
] as MetadataDoc[];

function headersOf(who: string, extra: Record<string, string> = {}): Record<string, string> {
  const session = sessions[who];
  const base = { 'accept-language': 'en', ...extra };
  if (session === 'admin') return base;
  if ('token' in session) return { ...base, authorization: `Bearer ${session.token}` };
  return { ...base, cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}

function multipart(name: string, mime: string, bytes: Buffer, part = 'file') {
  const boundary = `----qudao${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${part}"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const as = (who: string) => ({
  get: (url: string, headers: Record<string, string> = {}) => app.server.inject({ method: 'GET', url, headers: headersOf(who, headers) }),
  json: (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.server.inject({ method, url, payload: payload as object, headers: headersOf(who) }),
  upload: (url: string, name: string, mime: string, bytes: Buffer, part?: string) => {
    const body = multipart(name, mime, bytes, part);
    return app.server.inject({ method: 'POST', url, payload: body.payload, headers: headersOf(who, { 'content-type': body.contentType }) });
  },
});

const fileRow = (id: string) => app.db.knex('qd_files').where({ id }).first('record_id', 'object', 'field', 'deleted_at');
const fileCount = async () => Number((await app.db.knex('qd_files').count<{ n: string }[]>({ n: '*' }))[0].n);

let dealerA: string;

beforeAll(async () => {
  app = await startTestApp();
  await installBundledPlugins(app, { ...loadConfig({}), bundledPlugins: ['medical_dms'], demoData: true }, () => undefined);
  const deployed = await deploy(app, TEST_DOCS);
  expect(deployed.statusCode, deployed.body).toBe(200);
  sessions.admin = 'admin';
  for (const username of ['channel.manager', 'portal.a', 'portal.b']) sessions[username] = await loginAs(app, username, app.demoLogins.password);
  sessions.tester = { token: (await createUser(app, { username: 'file.tester', role: 'channel_rep', permissionSets: ['file_test_all'] })).token };
  dealerA = (await as('portal.a').get('/api/records/dealer?fields=name')).json().data[0].id;
}, 300_000);

afterAll(async () => app?.dispose());

describe('uploads and downloads', () => {
  it('uploads, attaches to a dealer and downloads the same bytes', async () => {
    const up = await as('portal.a').upload('/api/files', '营业执照.png', 'image/png', PNG);
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json();
    expect(file).toMatchObject({ name: '营业执照.png', mime: 'image/png', size: PNG.length });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await fileRow(file.id)).toMatchObject({ record_id: null });

    const attached = await as('portal.a').json('POST', `/api/records/dealer/${dealerA}/attachments`, { fileId: file.id });
    expect(attached.statusCode, attached.body).toBe(201);
    expect(await fileRow(file.id)).toMatchObject({ object: 'dealer', record_id: dealerA, field: null });

    const down = await as('portal.a').get(`/api/files/${file.id}?inline=1`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PNG)).toBe(true);
    expect(down.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private',
      etag: `"${file.sha256}"`,
    });
    expect(down.headers['content-disposition']).toBe(`inline; filename="____.png"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.png`);
    expect((await as('portal.a').get(`/api/files/${file.id}`)).headers['content-disposition']).toMatch(/^attachment; /);
    expect((await as('portal.a').get(`/api/files/${file.id}`, { 'if-none-match': `"${file.sha256}"` })).statusCode).toBe(304);

    const list = await as('portal.a').get(`/api/records/dealer/${dealerA}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toEqual([expect.objectContaining({ id: file.id, name: '营业执照.png', mime: 'image/png', size: PNG.length })]);
  });

  it("keeps portal.a's dealer's attachments from portal.b: 404 like a missing file, and no listing", async () => {
    const up = await as('portal.a').upload(`/api/records/dealer/${dealerA}/attachments`, 'contract.pdf', 'application/pdf', PDF);
    expect(up.statusCode, up.body).toBe(201);
    const { id } = up.json();
    const stolen = await as('portal.b').get(`/api/files/${id}`);
    const missing = await as('portal.b').get('/api/files/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().code).toBe('FILE_NOT_FOUND');
    expect(missing.json().code).toBe('FILE_NOT_FOUND');
    expect(stolen.json().title).toBe(missing.json().title);
    expect((await as('portal.b').get(`/api/records/dealer/${dealerA}/attachments`)).statusCode).toBe(404);
    expect((await as('portal.b').upload(`/api/records/dealer/${dealerA}/attachments`, 'x.pdf', 'application/pdf', PDF)).statusCode).toBe(404);
    expect((await as('portal.b').json('DELETE', `/api/records/dealer/${dealerA}/attachments/${id}`)).statusCode).toBe(404);
    expect((await as('portal.a').get(`/api/files/${id}`)).statusCode).toBe(200);
  });

  it('serves an unattached upload to its uploader only', async () => {
    const { id } = (await as('channel.manager').upload('/api/files', 'notes.txt', 'text/plain', Buffer.from('hello'))).json();
    expect((await as('channel.manager').get(`/api/files/${id}`)).body).toBe('hello');
    expect((await as('portal.b').get(`/api/files/${id}`)).statusCode).toBe(404);
    expect((await as('admin').get(`/api/files/${id}`)).statusCode).toBe(404);
  });

  it('refuses a file over the size limit with 413 and stores nothing', async () => {
    const before = await fileCount();
    const res = await as('portal.a').upload('/api/files', 'huge.bin', 'application/octet-stream', Buffer.alloc(loadConfig({}).maxFileMb * 1024 * 1024 + 1));
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('FILE_TOO_LARGE');
    expect(await fileCount()).toBe(before);
    // Past the JSON body limit (1 MB) but within the file limit.
    const big = randomBytes(2 * 1024 * 1024);
    const ok = await as('portal.a').upload('/api/files', 'big.bin', 'application/octet-stream', big);
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await as('portal.a').get(`/api/files/${ok.json().id}`)).rawPayload.equals(big)).toBe(true);
  });

  it('refuses a .png that is really HTML, and never serves active content as itself', async () => {
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const png = await as('portal.a').upload('/api/files', 'cat.png', 'image/png', html);
    expect(png.statusCode).toBe(415);
    expect(png.json().code).toBe('FILE_TYPE_REFUSED');
    const page = await as('portal.a').upload('/api/files', 'page.html', 'text/html', html);
    expect(page.json().mime).toBe('application/octet-stream');
    const down = await as('portal.a').get(`/api/files/${page.json().id}?inline=1`);
    expect(down.headers['content-type']).toBe('application/octet-stream');
    expect(down.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('asks for one part named file', async () => {
    expect((await as('portal.a').upload('/api/files', 'a.txt', 'text/plain', Buffer.from('a'), 'other')).statusCode).toBe(400);
    expect((await as('portal.a').json('POST', '/api/files', { name: 'a' })).statusCode).toBe(400);
  });
});

describe('record attachments', () => {
  it('records each attach and detach in the history, and detaching hides the file', async () => {
    const { id } = (await as('portal.a').upload(`/api/records/dealer/${dealerA}/attachments`, 'minutes.pdf', 'application/pdf', PDF)).json();
    const removed = await as('portal.a').json('DELETE', `/api/records/dealer/${dealerA}/attachments/${id}`);
    expect(removed.statusCode).toBe(204);
    expect((await as('portal.a').get(`/api/files/${id}`)).statusCode).toBe(404);
    expect((await as('portal.a').get(`/api/records/dealer/${dealerA}/attachments`)).json().data.map((f: { id: string }) => f.id)).not.toContain(id);
    const history = (await as('admin').get(`/api/records/dealer/${dealerA}/history`)).json().data as { changes: Record<string, { old: unknown; new: unknown }> }[];
    const changes = history.map((e) => e.changes.$attachments).filter(Boolean);
    expect(changes).toEqual(expect.arrayContaining([{ old: null, new: 'minutes.pdf' }, { old: 'minutes.pdf', new: null }]));
  });

  it('refuses attaching and detaching while the record is pending approval: 409 RECORD_LOCKED', async () => {
    const record = (await as('tester').json('POST', '/api/records/file_test', { code: 'locked' })).json();
    const url = `/api/records/file_test/${record.id}/attachments`;
    const first = await as('tester').upload(url, 'a.pdf', 'application/pdf', PDF);
    expect(first.statusCode, first.body).toBe(201);
    const submitted = await as('tester').json('POST', `/api/records/file_test/${record.id}/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(201);
    const locked = await as('tester').upload(url, 'b.pdf', 'application/pdf', PDF);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('RECORD_LOCKED');
    expect((await as('tester').json('DELETE', `${url}/${first.json().id}`)).json().code).toBe('RECORD_LOCKED');
  });
});

describe('file and image fields', () => {
  const upload = async (who: string, name: string, mime: string, bytes: Buffer) => (await as(who).upload('/api/files', name, mime, bytes)).json().id as string;

  it("takes the writer's own upload and attaches it to the record and field", async () => {
    const scan = await upload('portal.a', 'scan.pdf', 'application/pdf', PDF);
    const qualification = (await as('portal.a').get('/api/records/qualification?limit=1')).json().data[0];
    const res = await as('portal.a').json('PATCH', `/api/records/qualification/${qualification.id}`, { scan });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().scan).toBe(scan);
    expect(await fileRow(scan)).toMatchObject({ object: 'qualification', record_id: qualification.id, field: 'scan' });
    expect((await as('portal.a').get(`/api/files/${scan}`)).statusCode).toBe(200);
    expect((await as('portal.b').get(`/api/files/${scan}`)).statusCode).toBe(404);
    // A field's file is not a plain attachment.
    expect((await as('portal.a').get(`/api/records/qualification/${qualification.id}/attachments`)).json().data).toEqual([]);
  });

  it("refuses someone else's unattached upload or an unknown id with 422 naming the field", async () => {
    const foreign = await upload('channel.manager', 'theirs.pdf', 'application/pdf', PDF);
    for (const id of [foreign, '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b']) {
      const res = await as('admin').json('POST', '/api/records/file_test', { code: `foreign-${id}`, doc: id });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'doc', rule: 'file_not_found' })]);
    }
    expect(await fileRow(foreign)).toMatchObject({ record_id: null });
    expect((await as('admin').get('/api/records/file_test?count=true&filter=' + encodeURIComponent(JSON.stringify({ '==': [{ var: 'code' }, `foreign-${foreign}`] })))).json().total).toBe(0);
  });

  it('takes only an image for an image field', async () => {
    const pdf = await upload('admin', 'not-a-photo.pdf', 'application/pdf', PDF);
    const refused = await as('admin').json('POST', '/api/records/file_test', { code: 'photo-pdf', photo: pdf });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'photo', rule: 'file_type' })]);
    const png = await upload('admin', 'photo.png', 'image/png', PNG);
    const ok = await as('admin').json('POST', '/api/records/file_test', { code: 'photo-png', photo: png });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await fileRow(png)).toMatchObject({ object: 'file_test', record_id: ok.json().id, field: 'photo' });
  });

  it('leaves the upload unattached when the record write fails', async () => {
    const first = await as('admin').json('POST', '/api/records/file_test', { code: 'taken' });
    expect(first.statusCode).toBe(201);
    const doc = await upload('admin', 'doc.pdf', 'application/pdf', PDF);
    const pdf = await upload('admin', 'doc2.pdf', 'application/pdf', PDF);
    // Refused by the database (unique code) after the file was claimed in the same transaction.
    const duplicate = await as('admin').json('POST', '/api/records/file_test', { code: 'taken', doc });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.json().errors[0]).toMatchObject({ field: 'code', rule: 'unique' });
    // Refused for another field's file.
    const mixed = await as('admin').json('POST', '/api/records/file_test', { code: 'mixed', doc, photo: pdf });
    expect(mixed.statusCode).toBe(422);
    expect(await fileRow(doc)).toMatchObject({ record_id: null, object: null, field: null });
    // Still usable afterwards, by its uploader.
    const ok = await as('admin').json('PATCH', `/api/records/file_test/${first.json().id}`, { doc });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await fileRow(doc)).toMatchObject({ record_id: first.json().id, field: 'doc' });
  });

  it('purges unattached uploads older than a day, and nothing attached', async () => {
    const stale = await upload('admin', 'stale.txt', 'text/plain', Buffer.from('x'));
    await app.db.knex('qd_files').where({ id: stale }).update({ created_at: new Date(Date.now() - 25 * 3_600_000) });
    const attached = await app.db.knex('qd_files').whereNotNull('record_id').count<{ n: string }[]>({ n: '*' });
    expect(await purgeUnattached(app.db.knex)).toBeGreaterThanOrEqual(1);
    expect(await fileRow(stale)).toBeUndefined();
    expect(await app.db.knex('qd_files').whereNotNull('record_id').count<{ n: string }[]>({ n: '*' })).toEqual(attached);
  });
});
