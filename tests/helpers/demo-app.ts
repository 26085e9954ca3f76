/**
 * The product as `npm start` brings it up (the medical-device pack with its demo data and demo logins, the built
 * web app at `/`), on its own PostgreSQL database and a real loopback port, for browser tests and benchmarks.
 */
import type { AddressInfo } from 'node:net';
import { installBundledPlugins } from '../../engine/src/bundled-plugins.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { startTestApp, type TestApp } from './test-app.ts';

export interface DemoApp {
  app: TestApp;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The demo users' shared password. */
  password: string;
}

export async function startDemoApp(options: { relayOutbox?: boolean } = {}): Promise<DemoApp> {
  const app = await startTestApp({ relayOutbox: options.relayOutbox ?? true });
  await installBundledPlugins(app, { ...loadConfig({}), bundledPlugins: ['medical_dms'], demoData: true }, () => undefined);
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, password: app.demoLogins.password };
}
