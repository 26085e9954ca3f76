/** The message a plugin action answers, if any: a string, or a label in both languages. */
import type { Label } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';

export function actionMessage(result: unknown): string | undefined {
  if (!result || typeof result !== 'object') return typeof result === 'string' ? result : undefined;
  const message = (result as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (message && typeof message === 'object') return pick(message as Partial<Label>) || undefined;
  return undefined;
}
