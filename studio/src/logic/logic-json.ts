/** The JSON view of a condition: text typed by an expert read back as JsonLogic, or why it can't be used. */
import { foldConstants } from '../../../metadata/src/jsonlogic-fold.ts';
import { collectOperators } from '../../../metadata/src/jsonlogic-vars.ts';
import { SQL_OPERATORS } from '../../../metadata/src/known-operators.ts';
import type { JsonLogic } from '../../../metadata/src/types.ts';

export type JsonReading =
  | { ok: true; value: JsonLogic | undefined }
  | { ok: false; problem: 'invalid_json'; detail: string }
  | { ok: false; problem: 'not_sql'; operators: string[] };

/** Empty text is no condition; with `sqlOnly`, operators the database can't run are refused. */
export function readJsonLogic(text: string, sqlOnly: boolean): JsonReading {
  if (!text.trim()) return { ok: true, value: undefined };
  let value: JsonLogic;
  try {
    value = JSON.parse(text) as JsonLogic;
  } catch (error) {
    return { ok: false, problem: 'invalid_json', detail: (error as Error).message };
  }
  if (sqlOnly) {
    // What reads no field (today, date_add of today…) is evaluated before the database sees it.
    const operators = [...new Set(collectOperators(foldConstants(value)).map((op) => op.name).filter((name) => !SQL_OPERATORS.has(name)))];
    if (operators.length) return { ok: false, problem: 'not_sql', operators };
  }
  return { ok: true, value };
}

export const jsonText = (value: JsonLogic | undefined): string => (value === undefined ? '' : JSON.stringify(value, null, 2));
