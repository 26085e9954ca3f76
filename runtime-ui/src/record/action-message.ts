/**
 * What a plugin action answered, for a person: its message (a string, or a label in both languages) and the items
 * it lists (conflicts found, records touched), each with a title and a description (ActionAnswer in plugin-api.ts).
 */
import type { Label } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';

export interface ShownAnswer {
  message?: string;
  items: { title: string; description?: string }[];
}

export function shownAnswer(result: unknown): ShownAnswer {
  if (typeof result === 'string') return { message: result, items: [] };
  if (!result || typeof result !== 'object') return { items: [] };
  const { message, items } = result as { message?: unknown; items?: unknown };
  const listed = Array.isArray(items) ? items.filter((item): item is Record<string, unknown> => !!item && typeof item === 'object') : [];
  return {
    message: text(message),
    items: listed.map((item) => ({ title: text(item.title) ?? '', description: text(item.description) })),
  };
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return pick(value as Partial<Label>) || undefined;
  return undefined;
}
