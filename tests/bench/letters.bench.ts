/**
 * Letters (issue 9): PDFs per second in a batch of 200 through the batch job's own code (template, QR code, PDF,
 * database, progress), against pdfkit writing the same page alone; and the public verify page's p95 latency against
 * a trivial route of the same server. `BENCH_ONLY=letters` runs it alone and prints it.
 */
import pino from 'pino';
import PDFDocument from 'pdfkit';
import { v7 as uuidv7 } from 'uuid';
import { createApp } from '../../engine/src/app.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { CJK_FONT, cjkFont } from '../../engine/src/letters/letter-pdf.ts';
import { issueLetter } from '../../engine/src/letters/letter-service.ts';
import { runLetterBatch } from '../../engine/src/letters/letters-batch.job.ts';
import { systemContext, systemPrincipal } from '../../engine/src/security/principal.ts';
import { startWork } from '../../engine/src/work/work.ts';
import { actAsAdmin, createTestDatabase, deploy } from '../helpers/test-app.ts';
import { quantiles, timeMs, type Quantiles } from './measure.ts';
import { f0, f2, type Row, type Target } from './report.ts';

const BATCH = 200;
const SAMPLES = 300;
const TITLE = '仁心医疗器械有限公司产品授权书';
const BODY = '兹授权仁心医疗器械有限公司销售本公司医疗器械产品。\n特此证明。';

export interface LettersRun {
  batch: number;
  engineRate: number;
  rawRate: number;
  verify: Quantiles;
  trivial: Quantiles;
  samples: number;
}

const label = (en: string, zh: string) => ({ 'zh-CN': zh, en });
const documents = [
  { kind: 'object', name: 'clinic', label: label('Clinic', '诊所'), fields: [{ name: 'name', type: 'text', label: label('Name', '名称'), required: true }] },
  { kind: 'template', name: 'clinic_letter', label: label('Letter', '授权书'), object: 'clinic', subject: label('Letter for {{name}}', '{{name}}产品授权书'), body: label('We authorize {{name}}.', '兹授权{{name}}销售本公司医疗器械产品。\n特此证明。') },
];

export async function measureLetters(log: (m: string) => void = console.log): Promise<LettersRun> {
  const db = await createTestDatabase();
  const config = loadConfig({});
  const app = await createApp({ ...config, databaseUrl: db.url, logLevel: 'silent', relayOutbox: false, auth: { ...config.auth, verifyPerMinute: 1_000_000 } }, pino({ level: 'silent' }));
  try {
    await actAsAdmin(app);
    const deployed = await deploy(app, documents);
    if (deployed.statusCode !== 200) throw new Error(`bench: deploy answered ${deployed.statusCode}`);
    const ctx = systemContext(app.adminId, 'bench');
    const ids: { id: string }[] = [];
    for (let i = 0; i < BATCH; i++) ids.push(await app.records.create('clinic', { name: `仁心医疗器械有限公司 ${i}` }, ctx) as { id: string });
    const deps = app.letters;

    log(`letters: raw pdfkit, ${BATCH} pages`);
    const rawRate = await rate(BATCH, rawPdf);
    log(`letters: a batch of ${BATCH} through the job`);
    const workId = uuidv7();
    await startWork(app.db.knex, { id: workId, kind: 'letters', label: label('bench', 'bench'), userId: app.adminId, total: BATCH, queued: true });
    const request = { object: 'clinic', template: 'clinic_letter', validFrom: null, validTo: null, recordIds: ids.map((r) => r.id) };
    const engineRate = await rate(BATCH, () => runLetterBatch(deps, { workId, userId: app.adminId, request, baseUrl: 'http://localhost:3000/' }, { id: 'bench', attempt: 1 }), 1);

    const { verifyUrl } = await issueLetter(deps, { ...request, recordId: ids[0]!.id }, { principal: systemPrincipal(app.adminId) }, { baseUrl: new URL('http://localhost:3000/') });
    const path = new URL(verifyUrl!).pathname;
    log(`letters: verify page and /healthz, ${SAMPLES} requests each, alternating`);
    const verify: number[] = [];
    const trivial: number[] = [];
    for (let i = 0; i < SAMPLES + 20; i++) {
      const a = await timeMs(() => app.server.inject({ method: 'GET', url: path, headers: { authorization: '' } }));
      const b = await timeMs(() => app.server.inject({ method: 'GET', url: '/healthz', headers: { authorization: '' } }));
      if (i >= 20) { verify.push(a); trivial.push(b); }
    }
    return { batch: BATCH, engineRate, rawRate, verify: quantiles(verify), trivial: quantiles(trivial), samples: SAMPLES };
  } finally {
    await app.close();
    await db.drop();
  }
}

function rawPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56 });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.font(cjkFont(), CJK_FONT).fontSize(22).text(TITLE).moveDown(2).fontSize(12).text(BODY);
  doc.end();
  return done;
}

/** Items per second: `fn` run `runs` times in a row, `items` in all. */
async function rate(items: number, fn: () => Promise<unknown>, runs = items): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return items / ((performance.now() - start) / 1000);
}

export function letterRows(run: LettersRun): Row[] {
  return [
    {
      figure: `Letters: PDFs per second in a batch of ${run.batch} (the batch job's code: template, QR code, CJK PDF, insert, progress); raw: pdfkit writing the same page alone`,
      engine: `${f2(run.engineRate)} PDF/s`,
      raw: `${f2(run.rawRate)} PDF/s`,
      ratio: `${f2(run.engineRate / run.rawRate)} of raw`,
    },
    {
      figure: `Public verify page \`GET /verify/:code\`, in-process, p50 / p95 (${run.samples} requests); raw: \`GET /healthz\` of the same server, alternating`,
      engine: `${f2(run.verify.p50)} / ${f2(run.verify.p95)} ms`,
      raw: `${f2(run.trivial.p50)} / ${f2(run.trivial.p95)} ms`,
      ratio: `p95 ${f2(run.verify.p95 / Math.max(run.trivial.p95, 0.01))}× raw`,
    },
  ];
}

/** Wanted: a batch of 200 within a minute; a verify page within 50 ms at p95 on this 2-core machine. */
export function letterTargets(run: LettersRun): Target[] {
  return [
    { name: `A batch of ${run.batch} letters`, target: '< 60 s', measured: `${f0(run.batch / run.engineRate)} s`, pass: run.batch / run.engineRate < 60 },
    { name: 'Verify page, p95', target: '< 50 ms', measured: `${f2(run.verify.p95)} ms`, pass: run.verify.p95 < 50 },
  ];
}
