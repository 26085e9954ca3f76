/** Waiting for what the app does after a request: a condition to hold, or its outbox and job queue to fall quiet. */
import type { App } from '../../engine/src/app.ts';

/** Reads until `done` holds (every 50 ms), or throws with the last value read after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every committed event handed over and every job run (a schedule's next tick waits as delayed, not counted). */
export async function settled(app: Pick<App, 'db' | 'jobs'>): Promise<void> {
  await until(async () => {
    const [{ n }] = await app.db.knex('qd_outbox').whereNull('published_at').count({ n: '*' });
    const counts = await app.jobs.counts();
    return Number(n) + counts.waiting + counts.active;
  }, (busy) => busy === 0);
}
