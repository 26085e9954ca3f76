import type { Logger } from 'pino';

/** On the first SIGINT or SIGTERM: `close` (stop taking work, finish what runs, release connections), then exit. */
export function closeOnSignals(logger: Logger, close: () => Promise<void>): void {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      logger.info({ signal }, 'shutting down');
      close().then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
