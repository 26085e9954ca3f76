/**
 * Child process of the bench: serves the engine's app and the raw baseline on two ports of 127.0.0.1, so the
 * load generator (autocannon, in the parent) does not share an event loop with the servers it measures.
 */
import pino from 'pino';
import { createApp } from '../../engine/src/app.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { createRawServer } from './raw-server.ts';

const databaseUrl = process.env.BENCH_DATABASE_URL;
const actor = process.env.BENCH_ACTOR;
if (!databaseUrl || !actor || !process.send) throw new Error('serve.ts runs as a child of run.ts');

const app = await createApp({ ...loadConfig({}), databaseUrl, logLevel: 'silent' }, pino({ level: 'silent' }));
const raw = await createRawServer(databaseUrl, actor);
await app.server.listen({ port: 0, host: '127.0.0.1' });
await raw.server.listen({ port: 0, host: '127.0.0.1' });
const port = (s: typeof raw.server) => {
  const address = s.server.address();
  return typeof address === 'object' && address ? address.port : 0;
};
process.send({ enginePort: port(app.server), rawPort: port(raw.server) });
process.on('message', async (message) => {
  if (message === 'stop') {
    await raw.close();
    await app.close();
    process.exit(0);
  }
});
