import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../engine/src/app.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { HOSPITAL_3A_BEDS_RULE, HOSPITAL_OBJECT } from '../fixtures/contract-examples.ts';
import { actAsAdmin } from '../helpers/test-app.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dataDirs: string[] = [];
const freshDataDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudao-embedded-'));
  dataDirs.push(dir);
  return dir;
};
afterAll(() => dataDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const embeddedApp = async (dataDir: string) => {
  const app = await createApp({ ...loadConfig({}), databaseUrl: undefined, dataDir, logLevel: 'silent' }, pino({ level: 'silent' }));
  await actAsAdmin(app);
  return app;
};

describe('the embedded database (PGlite, no DATABASE_URL)', () => {
  it('deploys, writes and lists records, and keeps them across a restart', async () => {
    const dataDir = freshDataDir();
    const first = await embeddedApp(dataDir);
    expect(first.db.embedded).toBe(true);
    const deployed = await first.server.inject({ method: 'POST', url: '/api/meta/deploy', payload: { documents: [HOSPITAL_OBJECT, HOSPITAL_3A_BEDS_RULE] } });
    expect(deployed.statusCode).toBe(200);
    const created = await first.server.inject({ method: 'POST', url: '/api/records/hospital', payload: { name: '嵌入式医院', level: '3A', beds: 600, opened_on: '2001-05-01' } });
    expect(created.statusCode).toBe(201);
    const refused = await first.server.inject({ method: 'POST', url: '/api/records/hospital', payload: { name: '小', level: '3A', beds: 5 } });
    expect(refused.json().errors[0].rule).toBe('hospital_3a_beds');
    await first.close();

    const second = await embeddedApp(dataDir);
    const listed = await second.server.inject({ method: 'GET', url: '/api/records/hospital?count=true&sort=-beds' });
    expect(listed.json()).toMatchObject({ total: 1, data: [{ name: '嵌入式医院', beds: 600, opened_on: '2001-05-01' }] });
    await second.close();
  });

  it('the `npm start` entry serves the web app on the given port, answers /healthz and shuts down gracefully', async () => {
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const [runner, ...args] = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start.split(' ');
    const child = spawn(path.join(ROOT, 'node_modules/.bin', runner), args, {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), QUDAO_DATA_DIR: freshDataDir(), DATABASE_URL: '', LOG_LEVEL: 'warn', QUDAO_PLUGINS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      for (let i = 0; i < 300 && !output.includes('Qudao is running'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(output).toContain(`http://localhost:${port}`);
      // A fresh database: the admin's first password is printed, this once.
      expect(output).toMatch(/as admin with the password [\w-]{24}\n/);
      // The root is the web app: its page, and the script it names.
      const root = await fetch(`http://127.0.0.1:${port}/`);
      expect(root.headers.get('content-type')).toContain('text/html');
      const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(await root.text())?.[1];
      expect(script).toBeDefined();
      expect((await fetch(`http://127.0.0.1:${port}${script}`)).headers.get('content-type')).toContain('javascript');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

describe('the embedded data folder', () => {
  it('refuses a second process while the first holds it, and frees it on close', async () => {
    const dataDir = freshDataDir();
    const app = await embeddedApp(dataDir);
    fs.writeFileSync(path.join(dataDir, 'qudao.pid'), String(process.ppid));
    await expect(embeddedApp(dataDir)).rejects.toThrow(/in use by process/);
    fs.writeFileSync(path.join(dataDir, 'qudao.pid'), String(process.pid));
    await app.close();
    expect(fs.existsSync(path.join(dataDir, 'qudao.pid'))).toBe(false);
  });
});
