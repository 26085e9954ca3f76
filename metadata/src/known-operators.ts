/** The JsonLogic operators an expression may use: json-logic-js's own and those the platform and its plugins add. */

/** The operators json-logic-js ships with. */
export const STANDARD_OPERATORS: ReadonlySet<string> = new Set([
  'var', 'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'map', 'filter', 'reduce', 'all', 'none', 'some',
  'merge', 'in', 'cat', 'substr', 'log',
]);

/** Operators the platform adds to JsonLogic; a module that registers one adds its name here. */
export const EXTRA_OPERATORS = new Set<string>(['like', 'ilike']);

export function isKnownOperator(name: string): boolean {
  return STANDARD_OPERATORS.has(name) || EXTRA_OPERATORS.has(name);
}

/** The operators engine/src/records/filter-sql.ts compiles to SQL: what list views, sharing criteria and filters may use. */
export const SQL_OPERATORS: ReadonlySet<string> = new Set([
  'var', '==', '===', '!=', '!==', '<', '<=', '>', '>=', 'in', 'like', 'ilike', 'region_in', 'and', 'or', '!', '!!',
]);
