/** Starts serve.ts in a child process (the engine's app and the raw server on two ports of 127.0.0.1) and stops it. */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Servers {
  engineUrl: string;
  rawUrl: string;
  stop(): Promise<void>;
}

/** Both servers on `databaseUrl`; `actor` is the user the raw routes write as. */
export async function startServers(databaseUrl: string, actor: string): Promise<Servers> {
  const child = fork(path.join(here, 'serve.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_ACTOR: actor },
    stdio: 'inherit',
  });
  try {
    const ports = await new Promise<{ enginePort: number; rawPort: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { enginePort: number; rawPort: number }));
      child.once('exit', (code) => reject(new Error(`serve.ts exited with ${code}`)));
    });
    return {
      engineUrl: `http://127.0.0.1:${ports.enginePort}`,
      rawUrl: `http://127.0.0.1:${ports.rawPort}`,
      async stop() {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.send('stop');
        await exited;
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}
