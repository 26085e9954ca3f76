/** The object's validation rules that can run in the browser, evaluated over the form's values as the server would. */
import type { UiRule } from '../../../metadata/src/ui-contract.ts';
import { pick, type Language } from '../i18n/index.ts';
import { holds } from './logic.ts';
import type { FieldProblem } from './problems.ts';
import { renderRuleMessage } from './rule-message.ts';

export function ruleProblems(rules: UiRule[], values: Record<string, unknown>, language: Language): FieldProblem[] {
  return rules
    .filter((rule) => rule.browser && holds(rule.errorWhen, values, false))
    .map((rule) => ({ field: rule.field ?? '', rule: rule.name, message: renderRuleMessage(pick(rule.message, language), values) }));
}
