/**
 * A problem under a field, whoever found it (the schema, a rule in the browser, the server), and how problems become
 * the ErrorSchema that @rjsf shows under each field.
 */
import type { ErrorSchema } from '@rjsf/utils';

export interface FieldProblem {
  /** `credit_code`, or a nested path (`address.city`, `lines[0].qty`); '' for the record as a whole. */
  field: string;
  rule: string;
  message: string;
}

/**
 * Problems about one field's own value (empty, too long, wrong format) wait until the user touched that field; a rule
 * may be about a field the user never touched (a level-2 dealer needs a parent) and shows once they edit anything.
 */
const FIELD_LEVEL_RULES = new Set(['required', 'type', 'format', 'pattern', 'maxLength', 'minLength', 'minimum', 'maximum', 'min', 'max', 'enum', 'scale', 'too_large', 'multipleOf']);

export const isFieldLevel = (problem: FieldProblem) => FIELD_LEVEL_RULES.has(problem.rule);

export function fieldPath(field: string): string[] {
  return field.split(/[.\/\[\]]+/).filter(Boolean);
}

/** The first segment of a problem's path: the top-level field it belongs to. */
export const topField = (problem: FieldProblem) => fieldPath(problem.field)[0] ?? '';

/** Drops repeats (the browser and the server often find the same thing). */
export function uniqueProblems(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function toErrorSchema(problems: FieldProblem[]): ErrorSchema {
  const root: Record<string, any> = {};
  for (const problem of problems) {
    const path = fieldPath(problem.field);
    if (!path.length) continue;
    let node = root;
    for (const segment of path) node = node[segment] ??= {};
    (node.__errors ??= []).push(problem.message);
  }
  return root as ErrorSchema;
}
