import { describe, expect, it } from 'vitest';
import { caseRecord, failedCases, newRule, problemPlace, ruleDocument, withCase, withoutCase } from './rule-draft.ts';

const condition = { and: [{ '==': [{ var: 'tier' }, 'level_2'] }, { '==': [{ var: 'parent.tier' }, 'platform'] }] };

describe('rule drafts', () => {
  it('deploys a new rule without a condition as one that blocks nothing, and leaves out what is empty', () => {
    expect(ruleDocument(newRule('r', 'dealer'))).toEqual({
      kind: 'validationRule', name: 'r', object: 'dealer', label: { 'zh-CN': '', en: '' }, message: { 'zh-CN': '', en: '' }, active: true, errorWhen: false,
    });
  });

  it('keeps in a case only the fields the rule reads, a lookup as a nested record, an empty one as null', () => {
    const typed = { tier: 'level_2', 'parent.tier': 'platform', name: 'ignored' };
    expect(caseRecord(condition, typed)).toEqual({ tier: 'level_2', parent: { tier: 'platform' } });
    const expanded = { id: 'x', tier: 'level_2', parent: { id: 'p', tier: 'platform', name: 'P' } };
    expect(caseRecord(condition, expanded)).toEqual({ tier: 'level_2', parent: { tier: 'platform' } });
    expect(caseRecord(condition, {})).toEqual({ tier: null, parent: { tier: null } });
  });

  it('adds and removes cases', () => {
    const draft = withCase(withCase(newRule('r', 'dealer'), { record: { tier: 'a' }, expect: 'error' }), { record: { tier: 'b' }, expect: 'pass' });
    expect(withoutCase(draft, 0).tests).toEqual([{ record: { tier: 'b' }, expect: 'pass' }]);
  });

  it("reads which cases and parts of the rule a refused deploy names", () => {
    const errors = [
      { field: 'validationRule:r/tests/1', rule: 'rule_test_failed', message: 'case 2 should pass' },
      { field: 'validationRule:r/errorWhen/and/0/==/0/var', rule: 'unknown_field', message: 'no field' },
    ];
    expect(failedCases(errors)).toEqual(new Map([[1, 'case 2 should pass']]));
    expect(errors.map((e) => problemPlace(e.field))).toEqual(['tests', 'errorWhen']);
    expect(problemPlace('validationRule:r/message/en')).toBe('message');
    expect(problemPlace('rule')).toBe('rule');
  });
});
