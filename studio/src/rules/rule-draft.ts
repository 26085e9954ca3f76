/**
 * A validation rule as its editor holds it, and the pieces of the editor that follow from the document: the record a
 * saved case keeps (only the fields the rule reads, lookups as nested records), and which case a refused deploy names.
 */
import { collectVars } from '../../../metadata/src/jsonlogic-vars.ts';
import type { JsonLogic, RuleTest, ValidationRuleDoc } from '../../../metadata/src/types.ts';
import type { UiProblem } from '../../../metadata/src/ui-contract.ts';

/** A rule being edited: a new one has no condition yet. */
export type RuleDraft = Omit<ValidationRuleDoc, 'errorWhen'> & { errorWhen: JsonLogic | undefined };

export function newRule(name: string, object: string): RuleDraft {
  return { kind: 'validationRule', name, object, label: { 'zh-CN': '', en: '' }, message: { 'zh-CN': '', en: '' }, active: true, errorWhen: undefined };
}

/** The document to try or deploy; a rule without a condition blocks nothing (`false`). */
export function ruleDocument(draft: RuleDraft): ValidationRuleDoc {
  const { errorWhen, tests, field, ...rest } = draft;
  return {
    ...rest,
    ...(field ? { field } : {}),
    errorWhen: errorWhen ?? false,
    ...(tests?.length ? { tests } : {}),
  };
}

/** The record fields the rule reads: its own (`tier`) and, through a lookup, the lookup's (`parent` for `parent.tier`). */
export function readFields(errorWhen: JsonLogic | undefined): string[] {
  return [...new Set(collectVars(errorWhen).map((v) => v.name))];
}

/** A value by its path: a key of its own (values typed in per path) or nested (a record with lookups expanded). */
const getPath = (record: Record<string, unknown>, path: string): unknown => (path in record ? record[path] : path.split('.').reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined), record));

function setPath(record: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.');
  if (!rest.length) {
    record[head] = value;
    return;
  }
  const inner = typeof record[head] === 'object' && record[head] !== null ? record[head] as Record<string, unknown> : {};
  record[head] = inner;
  setPath(inner, rest.join('.'), value);
}

/** A case's record: the values of the fields the rule reads (empty ones as null), lookups as nested records. */
export function caseRecord(errorWhen: JsonLogic | undefined, values: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const path of readFields(errorWhen)) setPath(record, path, getPath(values, path) ?? null);
  return record;
}

export const withCase = (draft: RuleDraft, test: RuleTest): RuleDraft => ({ ...draft, tests: [...(draft.tests ?? []), test] });

export const withoutCase = (draft: RuleDraft, index: number): RuleDraft => ({ ...draft, tests: (draft.tests ?? []).filter((_, i) => i !== index) });

/** The cases a refused deploy says no longer hold, by index, with the message. */
export function failedCases(errors: readonly UiProblem[]): Map<number, string> {
  const failed = new Map<number, string>();
  for (const error of errors) {
    const match = /\/tests\/(\d+)$/.exec(error.field);
    if (match) failed.set(Number(match[1]), error.message);
  }
  return failed;
}

/** The editor's part a refused deploy's error belongs to: the condition, the message, the field… or the whole rule. */
export function problemPlace(field: string): 'errorWhen' | 'message' | 'field' | 'label' | 'tests' | 'rule' {
  const path = field.replace(/^validationRule:[^/]*/, '');
  const place = /^\/(errorWhen|message|field|label|tests)(\/|$)/.exec(path)?.[1];
  return (place as 'errorWhen' | 'message' | 'field' | 'label' | 'tests' | undefined) ?? 'rule';
}
