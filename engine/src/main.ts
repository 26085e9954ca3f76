import { createApp, createLogger } from './app.ts';
import { installBundledPlugins } from './bundled-plugins.ts';
import { loadConfig } from './config.ts';
import { closeOnSignals } from './shutdown.ts';

const config = loadConfig();
const logger = createLogger(config);
const app = await createApp(config, logger);
const installed = await installBundledPlugins(app, config, (line) => console.log(line));
await app.server.listen({ port: config.port, host: config.host });

const database = app.db.embedded ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
console.log(`\nQudao is running on http://localhost:${config.port}  (${database})`);
console.log(`  Web app: http://localhost:${config.port}/`);
console.log(`  Studio (implementers, right deploy): http://localhost:${config.port}/studio/`);
console.log(`  API reference: http://localhost:${config.port}/api/openapi.json`);
if (installed.length) console.log(`  Installed on this fresh database: ${installed.join(', ')}`);
const first = app.firstAdminPassword;
if (first) {
  console.log(first.generated
    ? `  Log in as admin with the password ${first.password}\n  (shown this once: change it with POST /api/auth/password)`
    : `  Log in as admin with the password in QUDAO_ADMIN_PASSWORD`);
}
const demo = app.demoLogins;
if (demo.created.length) {
  console.log(`  Demo logins: ${demo.created.join(', ')}`);
  console.log(demo.generated
    ? `  with the password ${demo.password}  (shown this once; set QUDAO_DEMO_PASSWORD to choose it)`
    : '  with the password in QUDAO_DEMO_PASSWORD');
}
console.log('');

closeOnSignals(logger, () => app.close());
