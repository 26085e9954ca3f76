/** Semantic checks of a `validationRule` document against the object it guards. */
import jsonLogic from 'json-logic-js';
import { checkExpressionTypes } from './check-expression-types.ts';
import { collectOperators, collectVars } from './jsonlogic-vars.ts';
import { checkName } from './names.ts';
import { inDocument, problem, unknownField, unknownObject } from './problem.ts';
import type { ObjectDoc, Problem, ValidationRuleDoc } from './types.ts';
import { isKnownVar, liveField, type ObjectsByName } from './var-scope.ts';

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

export function checkValidationRule(rule: ValidationRuleDoc, objects: ObjectsByName): Problem[] {
  const object = objects.get(rule.object);
  return inDocument([
    ...checkName(rule.name, '/name'),
    ...(object ? checkReferences(rule, object, objects) : [unknownObject(rule.object)]),
    ...checkOperators(rule.errorWhen),
    ...checkMessage(rule),
  ], rule);
}

function checkReferences(rule: ValidationRuleDoc, object: ObjectDoc, objects: ObjectsByName): Problem[] {
  const field = rule.field !== undefined && !liveField(object, rule.field)
    ? [unknownField('/field', rule.field, object.name)]
    : [];
  const vars = collectVars(rule.errorWhen)
    .filter((v) => !isKnownVar(v.name, object, objects))
    .map((v) => unknownField(`/errorWhen${v.path}`, v.name, object.name));
  return [...field, ...vars, ...checkExpressionTypes(rule.errorWhen, '/errorWhen', object, objects)];
}

/** Problems of operators in `expr`, at `base` + the operator's pointer. */
export function checkOperators(expr: unknown, base = '/errorWhen'): Problem[] {
  if (typeof expr === 'object' && expr !== null && !Array.isArray(expr) && !jsonLogic.is_logic(expr)) {
    return [problem(base, 'bad_expression', '表达式须是只含一个运算符的对象', 'an expression must be an object with exactly one operator')];
  }
  return collectOperators(expr).filter((op) => !isKnownOperator(op.name)).map((op) => problem(
    `${base}${op.path}`, 'unknown_operator', `未知运算符 ${op.name}`, `unknown operator ${op.name}`));
}

function checkMessage(rule: ValidationRuleDoc): Problem[] {
  return (['zh-CN', 'en'] as const)
    .filter((locale) => !rule.message?.[locale]?.trim())
    .map((locale) => problem(`/message/${locale}`, 'empty_value', `提示信息 ${locale} 不能为空`, `message ${locale} must not be empty`));
}
