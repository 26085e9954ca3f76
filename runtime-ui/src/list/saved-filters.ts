/** Named filters a user saved on an object's list, kept in this browser per user and object (no API for them yet). */
import type { JsonLogic } from '../../../metadata/src/types.ts';

export interface SavedFilter {
  name: string;
  filter: JsonLogic;
}

const key = (userId: string, object: string) => `qudao.filters.${userId}.${object}`;

export function savedFilters(userId: string, object: string): SavedFilter[] {
  try {
    const stored = JSON.parse(localStorage.getItem(key(userId, object)) ?? '[]') as unknown;
    return Array.isArray(stored) ? (stored as SavedFilter[]).filter((s) => typeof s?.name === 'string') : [];
  } catch {
    return [];
  }
}

/** Saves under a name, replacing a filter of the same name; answers the new list. */
export function saveFilter(userId: string, object: string, saved: SavedFilter): SavedFilter[] {
  const next = [...savedFilters(userId, object).filter((s) => s.name !== saved.name), saved].sort((a, b) => a.name.localeCompare(b.name));
  localStorage.setItem(key(userId, object), JSON.stringify(next));
  return next;
}

export function removeSavedFilter(userId: string, object: string, name: string): SavedFilter[] {
  const next = savedFilters(userId, object).filter((s) => s.name !== name);
  localStorage.setItem(key(userId, object), JSON.stringify(next));
  return next;
}
