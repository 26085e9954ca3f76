import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLetter, revokeLettersOfRecord } from '../../engine/src/letters/letter-service.ts';
import { systemPrincipal } from '../../engine/src/security/principal.ts';
import { qrOfFirstPage } from '../helpers/pdf-qr.ts';
import { createUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

const VERIFY_PER_MINUTE = 40;
let app: TestApp;
let tmp: string;
let clinicId: string;
let lastAddress = 10;
/** A fresh loopback client address: each test's verify calls have a rate limit of their own. */
const address = () => `127.0.1.${++lastAddress}`;

const label = (en: string, zh: string) => ({ 'zh-CN': zh, en });
const clinic = {
  kind: 'object', name: 'clinic', label: label('Clinic', '诊所'),
  fields: [
    { name: 'name', type: 'text', label: label('Name', '名称'), required: true },
    { name: 'licence_ends', type: 'date', label: label('Licence ends', '许可证到期') },
  ],
};
const template = {
  kind: 'template', name: 'clinic_letter', label: label('Clinic letter', '诊所授权书'), object: 'clinic',
  subject: label('Letter of authorization for {{name}}', '{{name}}产品授权书'),
  body: label('We authorize {{name}} to sell our devices.', '兹授权{{name}}销售本公司医疗器械产品。\n特此证明。'),
};

type LetterAnswer = { id: string; status: string; verifyUrl: string | null; pdfUrl: string; validTo: string | null; batchId: string | null };

const createClinic = async (name: string, licenceEnds?: string) => {
  const res = await app.server.inject({ method: 'POST', url: '/api/records/clinic', payload: { name, licence_ends: licenceEnds } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const issue = async (payload: object) => {
  const res = await app.server.inject({ method: 'POST', url: '/api/letters', payload: { object: 'clinic', template: 'clinic_letter', ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as LetterAnswer;
};
const verify = (url: string, remoteAddress = address()) =>
  app.server.inject({ method: 'GET', url: new URL(url).pathname, remoteAddress, headers: { authorization: '' } });
const letterRows = async () => Number((await app.db.knex('qd_letters').count<{ n: string }[]>({ n: '*' }))[0]!.n);

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8' });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'letters-'));
  app = await startTestApp({ relayOutbox: true, redisUrl: 'redis://127.0.0.1:6379', auth: { verifyPerMinute: VERIFY_PER_MINUTE } });
  const deployed = await app.server.inject({ method: 'POST', url: '/api/meta/deploy', payload: { documents: [clinic, template] } });
  expect(deployed.statusCode, deployed.body).toBe(200);
  clinicId = await createClinic('仁心医疗器械有限公司', '2030-06-30');
}, 120_000);
afterAll(async () => {
  await app?.dispose();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('an authorization letter for a record', () => {
  let first: LetterAnswer;

  it('is a Chinese A4 PDF with an embedded CJK font and a QR code of its verify address', async () => {
    first = await issue({ recordId: clinicId, validFrom: '2026-01-01', validToField: 'licence_ends' });
    expect(first).toMatchObject({ status: 'valid', validTo: '2030-06-30' });
    expect(first.verifyUrl).toMatch(/^http:\/\/localhost(:\d+)?\/verify\/[A-Za-z0-9_-]{24}$/);

    const pdf = await app.server.inject({ method: 'GET', url: first.pdfUrl });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const file = path.join(tmp, 'first.pdf');
    fs.writeFileSync(file, pdf.rawPayload);

    const fonts = run('pdffonts', [file]);
    expect(fonts).toMatch(/NotoSansCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes\s+yes/);
    const text = run('pdftotext', ['-layout', file, '-']);
    expect(text).toContain('仁心医疗器械有限公司产品授权书');
    expect(text).toContain('兹授权仁心医疗器械有限公司销售本公司医疗器械产品。');
    expect(run('pdfinfo', [file])).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(qrOfFirstPage(file)).toBe(first.verifyUrl);
  });

  it('shows as valid on its public page, without login, with its original words and facts', async () => {
    const page = await verify(first.verifyUrl!);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('有效');
    expect(page.body).toContain('兹授权仁心医疗器械有限公司销售本公司医疗器械产品。');
    expect(page.body).toContain('2026-01-01 至 to 2030-06-30');
    expect(page.body).toContain('name="viewport"');
    expect(page.body).not.toContain('<script');

    const pdf = await app.server.inject({ method: 'GET', url: `${new URL(first.verifyUrl!).pathname}/pdf`, remoteAddress: address(), headers: { authorization: '' } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is superseded by a reissue for the same record and template', async () => {
    const second = await issue({ recordId: clinicId, validTo: '2031-12-31' });
    expect(second.status).toBe('valid');
    expect((await verify(first.verifyUrl!)).body).toContain('已被替换');
    expect((await verify(second.verifyUrl!)).body).toContain('有效');

    const list = await app.server.inject({ method: 'GET', url: `/api/letters?object=clinic&recordId=${clinicId}` });
    expect(list.json().data.map((l: LetterAnswer) => [l.id, l.status])).toEqual([[second.id, 'valid'], [first.id, 'superseded']]);
    expect(list.json().data[0].verifyUrl).toBeUndefined();
  });

  it('says revoked, with the reason, once revoked; every letter of a record can be revoked at once', async () => {
    const other = await createClinic('康复诊所');
    const letter = await issue({ recordId: other, validTo: '2030-01-01' });
    const refused = await app.server.inject({ method: 'POST', url: `/api/letters/${letter.id}/revoke`, payload: {}, headers: { 'accept-language': 'zh-CN' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ field: 'reason', rule: 'required' });

    const revoked = await app.server.inject({ method: 'POST', url: `/api/letters/${letter.id}/revoke`, payload: { reason: '授权已终止' } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    const page = await verify(letter.verifyUrl!);
    expect(page.body).toContain('已撤销');
    expect(page.body).toContain('授权已终止');

    const withdrawn = await createClinic('撤回诊所');
    const a = await issue({ recordId: withdrawn, validTo: '2030-01-01' });
    const b = await issue({ recordId: withdrawn, validTo: '2031-01-01' });
    const ids = await revokeLettersOfRecord(app.db.knex, { object: 'clinic', recordId: withdrawn }, { reason: '授权撤回', by: null });
    expect(ids.sort()).toEqual([a.id, b.id].sort());
    for (const url of [a.verifyUrl!, b.verifyUrl!]) expect((await verify(url)).body).toContain('已撤销');
  });

  it('says expired after its last day', async () => {
    const old = await createClinic('旧诊所');
    const letter = await issue({ recordId: old, validFrom: '2020-01-01', validTo: '2020-12-31' });
    expect(letter.status).toBe('expired');
    expect((await verify(letter.verifyUrl!)).body).toContain('已过期');
  });

  it('refuses a bad request with named fields in both languages and writes nothing', async () => {
    const before = await letterRows();
    const res = await app.server.inject({
      method: 'POST', url: '/api/letters', headers: { 'accept-language': 'en' },
      payload: { object: 'clinic', template: 'nope', recordId: clinicId, validFrom: '2026-02-30', validToField: 'name' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['validFrom']);
    const noTemplate = await app.server.inject({ method: 'POST', url: '/api/letters', payload: { object: 'clinic', template: 'nope', recordId: clinicId } });
    expect(noTemplate.json().errors[0]).toMatchObject({ field: 'template', rule: 'reference' });
    const notDate = await app.server.inject({ method: 'POST', url: '/api/letters', payload: { object: 'clinic', template: 'clinic_letter', recordId: clinicId, validToField: 'name' } });
    expect(notDate.json().errors[0]).toMatchObject({ field: 'validToField', rule: 'reference' });
    const unknownRecord = await app.server.inject({ method: 'POST', url: '/api/letters', payload: { object: 'clinic', template: 'clinic_letter', recordId: randomUUID() } });
    expect(unknownRecord.statusCode).toBe(404);
    expect(await letterRows()).toBe(before);
  });

  it('is hidden from a user who cannot read its record', async () => {
    const outsider = await createUser(app, { username: 'outsider', kind: 'internal', role: null });
    const res = await app.server.inject({ method: 'GET', url: first.pdfUrl, headers: { authorization: `Bearer ${outsider.token}` } });
    expect(res.statusCode).toBe(404);
  });
});

describe('the public verify page under attack', () => {
  it('slows 1,000 wrong codes from one address down and reveals no letter; a real code from elsewhere still works', async () => {
    const attacker = address();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const code = Buffer.from(randomUUID().replaceAll('-', '').slice(0, 18)).toString('base64url').slice(0, 24);
      const res = await app.server.inject({ method: 'GET', url: `/verify/${code}`, remoteAddress: attacker });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode === 404) expect(res.body).not.toContain('兹授权');
    }
    expect(statuses.get(200)).toBeUndefined();
    expect(statuses.get(404)).toBe(VERIFY_PER_MINUTE);
    expect(statuses.get(429)).toBe(1000 - VERIFY_PER_MINUTE);

    const real = await issue({ recordId: await createClinic('真诊所'), validTo: '2030-01-01' });
    expect((await verify(real.verifyUrl!, address())).statusCode).toBe(200);
  });

  it('answers any code with a page or a refusal, never a server error', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 40 }), async (code) => {
      const res = await app.server.inject({ method: 'GET', url: `/verify/${encodeURIComponent(code)}`, remoteAddress: address() });
      expect([404, 429]).toContain(res.statusCode);
    }), { numRuns: 60 });
  });
});

describe('a batch of letters', () => {
  it('issues one letter per record in a background job, its progress reaching 100%, and never twice', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await createClinic(`批量诊所 ${i}`, '2029-12-31'));
    const workId = randomUUID();
    const res = await app.server.inject({
      method: 'POST', url: '/api/letters/batch', headers: { 'x-work-id': workId },
      payload: { object: 'clinic', template: 'clinic_letter', recordIds: ids, validToField: 'licence_ends' },
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ workId, total: 20 });

    const seen: number[] = [];
    let work: { status: string; done: number; total: number; result: { issued: number; failures: unknown[] } } | undefined;
    for (let i = 0; i < 200 && work?.status !== 'succeeded' && work?.status !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      work = (await app.server.inject({ method: 'GET', url: `/api/work/${workId}` })).json();
      seen.push(work!.done);
    }
    expect(work).toMatchObject({ status: 'succeeded', done: 20, total: 20, result: { issued: 20, failures: [] } });
    expect(seen.at(-1)).toBe(20);

    const letters = await app.db.knex('qd_letters').where({ batch_id: workId }).count<{ n: string }[]>({ n: '*' });
    expect(Number(letters[0]!.n)).toBe(20);
    const deps = app.letters;
    const again = await issueLetter(deps, { object: 'clinic', template: 'clinic_letter', recordId: ids[0]!, validFrom: null, validTo: null },
      { principal: systemPrincipal(app.adminId) }, { baseUrl: new URL('http://localhost/'), batchId: workId });
    expect(again.verifyUrl).toBeNull();
    expect(await app.db.knex('qd_letters').where({ batch_id: workId }).count<{ n: string }[]>({ n: '*' })).toEqual([{ n: '20' }]);
    const list = await app.server.inject({ method: 'GET', url: `/api/letters?object=clinic&recordId=${ids[0]}` });
    expect(list.json().data).toMatchObject([{ status: 'valid', batchId: workId, validTo: '2029-12-31' }]);
  });

  it('refuses a batch with bad record ids and queues nothing', async () => {
    const res = await app.server.inject({
      method: 'POST', url: '/api/letters/batch', payload: { object: 'clinic', template: 'clinic_letter', recordIds: ['x', clinicId] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'recordIds/0', rule: 'format' });
  });
});
