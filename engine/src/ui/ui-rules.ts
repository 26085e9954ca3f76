/** An object's active validation rules for the browser's instant feedback, and whether the browser can run each. */
import { STANDARD_OPERATORS } from '../../../metadata/src/known-operators.ts';
import { collectOperators, collectVars } from '../../../metadata/src/jsonlogic-vars.ts';
import { STANDARD_LIBRARY } from '../../../metadata/src/operators/index.ts';
import type { ValidationRuleDoc } from '../../../metadata/src/types.ts';
import type { UiRule } from '../../../metadata/src/ui-contract.ts';

/** What the browser bundle (metadata/src/browser.ts) evaluates: JsonLogic's operators and the platform's, no plugin's. */
const BROWSER_OPERATORS: ReadonlySet<string> = new Set([...STANDARD_OPERATORS, 'like', 'ilike', ...Object.keys(STANDARD_LIBRARY)]);

/**
 * Rules that read a field the user can't read are left out (their expression would name it, and the browser lacks
 * its value); the server still enforces them. `browser` is false for lookup paths (`dealer.tier`) and plugin operators.
 */
export function uiRules(rules: readonly ValidationRuleDoc[], canRead: (field: string) => boolean): UiRule[] {
  return rules.filter((r) => r.active !== false).flatMap((rule) => {
    const vars = collectVars(rule.errorWhen).map((v) => v.name);
    if (vars.some((name) => !name.startsWith('$') && !canRead(name.split('.')[0]))) return [];
    const browser = vars.every((name) => !name.includes('.')) && collectOperators(rule.errorWhen).every((op) => BROWSER_OPERATORS.has(op.name));
    return [{ name: rule.name, field: rule.field ?? null, errorWhen: rule.errorWhen, message: rule.message, browser }];
  });
}
