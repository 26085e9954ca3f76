import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp, createLogger } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { migrateLatest } from './db/migrate.ts';
import { deployOrThrow, type DeployResult } from './deploy/deploy.ts';
import { QudaoError, toProblemJson } from './errors/catalog.ts';

const USAGE = `Usage:
  npm run cli -- migrate
  npm run cli -- deploy <file.json|dir> [--dry-run] [--force] [--url http://localhost:3000]

deploy sends the documents to a running Qudao at --url (default: QUDAO_URL or http://localhost:$PORT);
when none answers there, it deploys straight into the database (DATABASE_URL, or the embedded one in ./data).`;

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

async function deployOverHttp(url: string, body: object): Promise<{ status: number; json: any } | undefined> {
  try {
    const response = await fetch(`${url}/api/meta/deploy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': process.env.LANG?.startsWith('zh') ? 'zh-CN' : 'en' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  } catch {
    return undefined;
  }
}

async function deployDirectly(body: { documents: unknown[]; dryRun: boolean; force: boolean }): Promise<{ status: number; json: any }> {
  const config = { ...loadConfig(), logLevel: 'warn' };
  const app = await createApp(config, createLogger(config));
  try {
    return { status: 200, json: await deployOrThrow(app.deployContext, { ...body, actor: app.adminId }) };
  } catch (error) {
    if (error instanceof QudaoError) return { status: error.status, json: toProblemJson(error, 'en') };
    throw error;
  } finally {
    await app.close();
  }
}

function printPlan(result: DeployResult): void {
  console.log(result.applied ? `Deployed (${result.deployId}):` : 'Dry run, nothing changed. The plan:');
  result.steps.forEach((step, i) => {
    console.log(`${i + 1}. [${step.kind}] ${step.description.en}`);
    for (const sql of step.sql) console.log(`     ${sql};`);
  });
  if (!result.steps.length) console.log('   (nothing to do: the metadata is already deployed)');
}

async function deploy(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, force: { type: 'boolean' }, url: { type: 'string' } },
  });
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const body = { documents: readDocuments(positionals[0]), dryRun: Boolean(values['dry-run']), force: Boolean(values.force) };
  const url = values.url ?? process.env.QUDAO_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const answer = (await deployOverHttp(url, body)) ?? (await deployDirectly(body));
  if (answer.status !== 200) {
    console.error(`${answer.json.title}${answer.json.detail ? `: ${answer.json.detail}` : ''}`);
    for (const e of answer.json.errors ?? []) console.error(`  - ${e.field}: ${e.message} (${e.rule})`);
    return 1;
  }
  printPlan(answer.json);
  return 0;
}

async function migrate(): Promise<number> {
  const db = openDatabase(loadConfig());
  try {
    const ran = await migrateLatest(db.knex);
    console.log(ran.length ? `Ran ${ran.length} migration(s): ${ran.join(', ')}` : 'The database is up to date.');
    return 0;
  } finally {
    await db.close();
  }
}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<number>> = { deploy, migrate };
const run = commands[command ?? ''];
if (!run) {
  console.error(USAGE);
  process.exit(2);
}
process.exit(await run(rest));
