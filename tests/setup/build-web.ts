/** vitest globalSetup: the browser tests drive the built web apps, so build them first when their sources changed. */
import { buildStaleWebApps } from '../../scripts/build-web.ts';

export default async function setup(): Promise<void> {
  await buildStaleWebApps();
}
