import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'];

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: REDACT });
}
