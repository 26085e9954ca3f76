import fs from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'qudao.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * Claims the folder for this process and returns the release; refuses while a live process holds it.
 */
export function claimDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const holder = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : undefined;
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by process ${holder}. ` +
        'Stop it, or talk to it over HTTP with an API token (QUDAO_API_TOKEN=qd_... npm run cli -- deploy ...).',
    );
  }
  fs.writeFileSync(file, String(process.pid));
  return () => {
    if (fs.existsSync(file) && Number(fs.readFileSync(file, 'utf8')) === process.pid) fs.rmSync(file);
  };
}
