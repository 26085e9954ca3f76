import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp, createLogger, type App } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { migrateLatest } from './db/migrate.ts';
import { deployOrThrow, type DeployResult } from './deploy/deploy.ts';
import { QudaoError, toProblemJson } from './errors/catalog.ts';
import { auditDeploy, type AccessEvent, type AuditSource } from './security/access-audit.ts';
import { systemContext } from './security/principal.ts';

const USAGE = `Usage:
  npm run cli -- migrate
  npm run cli -- deploy <file.json|dir> [--dry-run] [--force]
  npm run cli -- plugin list
  npm run cli -- plugin install <plugin dir> [--dry-run] [--demo]
  npm run cli -- plugin upgrade <plugin dir> [--dry-run]
  npm run cli -- plugin uninstall <name> [--dry-run] [--purge --yes]

With an API token in QUDAO_API_TOKEN, commands talk to a running Qudao at --url (default: QUDAO_URL or
http://localhost:$PORT) as the token's user; without one, or when no server answers there, they work straight on
the database (DATABASE_URL, or the embedded one in ./data) as the admin user. A server on the embedded database
holds it alone: talk to it with a token.`;

const config = { ...loadConfig(), logLevel: 'warn', relayOutbox: false };
const apiToken = process.env.QUDAO_API_TOKEN || undefined;
type Answer = { status: number; json: any };
type HttpCall = { method: string; path: string; body?: unknown };

/** Documents from a JSON file (one document, an array, or {documents: [...]}) or every *.json file of a folder. */
function readDocuments(target: string): unknown[] {
  const stat = fs.statSync(target);
  const files = stat.isDirectory()
    ? fs.readdirSync(target).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(target, f))
    : [target];
  return files.flatMap((file) => {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (Array.isArray(parsed)) return parsed;
    return parsed && Array.isArray(parsed.documents) ? parsed.documents : [parsed];
  });
}

/** Undefined when there is no token to send, or no server answers. */
async function overHttp(url: string, call: HttpCall): Promise<Answer | undefined> {
  if (!apiToken) return undefined;
  try {
    const response = await fetch(`${url}${call.path}`, {
      method: call.method,
      headers: {
        'content-type': 'application/json',
        'accept-language': process.env.LANG?.startsWith('zh') ? 'zh-CN' : 'en',
        authorization: `Bearer ${apiToken}`,
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    return { status: response.status, json: await response.json() };
  } catch {
    return undefined;
  }
}

async function directly(work: (app: App) => Promise<unknown>): Promise<Answer> {
  const app = await createApp(config, createLogger({ logLevel: 'info' }));
  if (app.firstAdminPassword?.generated) console.log(`The admin user's password (shown this once): ${app.firstAdminPassword.password}`);
  try {
    return { status: 200, json: await work(app) };
  } catch (error) {
    if (error instanceof QudaoError) return { status: error.status, json: toProblemJson(error, 'en') };
    throw error;
  } finally {
    await app.close();
  }
}

/** Over HTTP when a server answers (it may hold the embedded database), else on the database itself. */
async function serverOrDirect(url: string, call: HttpCall | undefined, work: (app: App) => Promise<unknown>): Promise<Answer> {
  return (call && (await overHttp(url, call))) ?? (await directly(work));
}

/** The engine itself, as the access audit shows a command run on the database. */
const cliSource = (app: App): AuditSource => ({ userId: app.adminId, username: 'admin', ip: null, userAgent: 'qudao-cli', requestId: 'cli' });

function report(answer: Answer, onSuccess: (json: any) => void): number {
  if (answer.status === 401) console.error('The server refused QUDAO_API_TOKEN (unknown, expired or revoked token).');
  if (answer.status !== 200) {
    console.error(`${answer.json.title}${answer.json.detail ? `: ${answer.json.detail}` : ''}`);
    for (const e of answer.json.errors ?? []) console.error(`  - ${e.field}: ${e.message} (${e.rule})`);
    return 1;
  }
  onSuccess(answer.json);
  return 0;
}

function printPlan(result: DeployResult & { plugin?: { name: string; version: string }; rows?: number }): void {
  const what = result.plugin ? `${result.plugin.name} ${result.plugin.version}` : 'the documents';
  console.log(result.applied ? `Applied to ${what} (deploy ${result.deployId}):` : `Dry run for ${what}, nothing changed. The plan:`);
  result.steps.forEach((step, i) => {
    console.log(`${i + 1}. [${step.kind}] ${step.description.en}`);
    for (const sql of step.sql) console.log(`     ${sql};`);
  });
  if (!result.steps.length) console.log('   (nothing to do)');
  if (result.rows) console.log(`Loaded ${result.rows} records.`);
}

async function deploy(args: string[], url: string): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, force: { type: 'boolean' } } });
  if (positionals.length !== 1) return usage();
  const body = { documents: readDocuments(positionals[0]), dryRun: Boolean(values['dry-run']), force: Boolean(values.force) };
  const answer = await serverOrDirect(url, { method: 'POST', path: '/api/meta/deploy', body }, (app) =>
    deployOrThrow(app.deployContext, { ...body, actor: app.adminId, inTransaction: auditDeploy(cliSource(app), 'deploy') }),
  );
  return report(answer, printPlan);
}

/** The name the API knows a plugin folder by, when the folder is one of the server's plugins. */
function bundledName(dir: string): string | undefined {
  const resolved = path.resolve(dir);
  return path.dirname(resolved) === config.pluginsDir ? path.basename(resolved) : undefined;
}

async function plugin(args: string[], url: string): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, demo: { type: 'boolean' }, purge: { type: 'boolean' }, yes: { type: 'boolean' } },
  });
  const dryRun = Boolean(values['dry-run']);
  const ctx = (app: App) => systemContext(app.adminId, 'cli');
  const audited = (app: App, event: AccessEvent, details: Record<string, unknown>) => ({ ctx: ctx(app), inTransaction: auditDeploy(cliSource(app), event, details) });
  const target = positionals[0];
  if (action === 'list') {
    const answer = await serverOrDirect(url, { method: 'GET', path: '/api/plugins' }, async (app) => ({ data: await app.plugins.list() }));
    return report(answer, (json) => {
      if (!json.data.length) console.log('No plugin is installed.');
      for (const p of json.data) console.log(`${p.name}  ${p.version}  ${p.label?.en ?? p.manifest?.label?.en ?? ''}`);
    });
  }
  if (!target || positionals.length !== 1) return usage();
  if (action === 'install') {
    const name = bundledName(target);
    const call = name ? { method: 'POST', path: '/api/plugins', body: { plugin: name, dryRun, demo: Boolean(values.demo) } } : undefined;
    return report(await serverOrDirect(url, call, (app) => app.plugins.install(target, { dryRun, demo: Boolean(values.demo), ...audited(app, 'plugin_install', { plugin: target }) })), printPlan);
  }
  if (action === 'upgrade') {
    const name = bundledName(target);
    const call = name ? { method: 'POST', path: `/api/plugins/${name}/upgrade`, body: { dryRun } } : undefined;
    return report(await serverOrDirect(url, call, (app) => app.plugins.upgrade(target, { dryRun, ...audited(app, 'plugin_upgrade', { plugin: target }) })), printPlan);
  }
  if (action === 'uninstall') {
    if (values.purge && !values.yes) {
      console.error(`--purge drops the tables of ${target} and every record in them. Add --yes to confirm.`);
      return 2;
    }
    const query = new URLSearchParams({ dryRun: String(dryRun), purge: String(Boolean(values.purge)), confirm: values.purge ? target : '' });
    const call = { method: 'DELETE', path: `/api/plugins/${target}?${query}` };
    const options = { dryRun, purge: Boolean(values.purge), confirm: values.purge ? target : undefined };
    return report(await serverOrDirect(url, call, (app) => app.plugins.uninstall(target, { ...options, ...audited(app, 'plugin_uninstall', { plugin: target, purge: options.purge }) })), printPlan);
  }
  return usage();
}

async function migrate(): Promise<number> {
  const db = openDatabase(config);
  try {
    const ran = await migrateLatest(db.knex);
    console.log(ran.length ? `Ran ${ran.length} migration(s): ${ran.join(', ')}` : 'The database is up to date.');
    return 0;
  } finally {
    await db.close();
  }
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

/** `--url X` or `--url=X` anywhere on the line; the rest goes to the command. */
function takeUrl(args: string[]): { url: string; rest: string[] } {
  const at = args.findIndex((arg) => arg === '--url' || arg.startsWith('--url='));
  const fallback = process.env.QUDAO_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  if (at < 0) return { url: fallback, rest: args };
  const inline = args[at].startsWith('--url=');
  const url = inline ? args[at].slice('--url='.length) : args[at + 1];
  return { url: url ?? fallback, rest: args.filter((_, i) => i !== at && (inline || i !== at + 1)) };
}

const [command, ...rest] = process.argv.slice(2);
const { url, rest: args } = takeUrl(rest);
const commands: Record<string, (args: string[]) => Promise<number>> = {
  deploy: (a) => deploy(a, url),
  plugin: (a) => plugin(a, url),
  migrate: () => migrate(),
};
const run = commands[command ?? ''];
process.exit(run ? await run(args) : usage());
