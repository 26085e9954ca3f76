/** Semantic checks of a `validationRule` document against the object it guards. */
import jsonLogic from 'json-logic-js';
import { checkExpressionTypes } from './check-expression-types.ts';
import { evaluateLogic, isTruthy } from './jsonlogic.ts';
import { isKnownOperator } from './known-operators.ts';
import { collectOperators, collectVars } from './jsonlogic-vars.ts';
import { checkName } from './names.ts';
import { inDocument, problem, unknownField, unknownObject } from './problem.ts';
import type { ObjectDoc, Problem, ValidationRuleDoc } from './types.ts';
import { isKnownVar, liveField, type ObjectsByName } from './var-scope.ts';

export function checkValidationRule(rule: ValidationRuleDoc, objects: ObjectsByName): Problem[] {
  const object = objects.get(rule.object);
  const expression = [...(object ? checkReferences(rule, object, objects) : [unknownObject(rule.object)]), ...checkOperators(rule.errorWhen)];
  return inDocument([
    ...checkName(rule.name, '/name'),
    ...expression,
    ...checkMessage(rule),
    // A rule's own cases run only once its expression is sound: otherwise each would repeat the same problem.
    ...(expression.length ? [] : checkRuleTests(rule)),
  ], rule);
}

/** Each saved case, run with the write's evaluator: a case that no longer holds is a problem at its pointer. */
function checkRuleTests(rule: ValidationRuleDoc): Problem[] {
  return (rule.tests ?? []).flatMap((test, i) => {
    let blocks: boolean;
    try {
      blocks = isTruthy(evaluateLogic(rule.errorWhen, test.record));
    } catch (error) {
      return [problem(`/tests/${i}`, 'rule_test_failed', `用例 ${i + 1} 无法计算：${(error as Error).message}`, `case ${i + 1} could not be evaluated: ${(error as Error).message}`)];
    }
    if (blocks === (test.expect === 'error')) return [];
    return [test.expect === 'error'
      ? problem(`/tests/${i}`, 'rule_test_failed', `用例 ${i + 1} 应被规则拦截，但通过了`, `case ${i + 1} should be blocked by the rule, but passes`)
      : problem(`/tests/${i}`, 'rule_test_failed', `用例 ${i + 1} 应通过，但被规则拦截`, `case ${i + 1} should pass, but the rule blocks it`)];
  });
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
