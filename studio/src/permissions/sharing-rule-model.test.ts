import { describe, expect, it } from 'vitest';
import type { SharingRuleDoc } from '../../../metadata/src/types.ts';
import { rulesByObject, sharingRuleDraft, sharingRuleValues } from './sharing-rule-model.ts';

const rule = (name: string, object: string): SharingRuleDoc =>
  ({ kind: 'sharingRule', name, object, label: { 'zh-CN': name, en: name }, roles: ['channel_director'], access: 'read', criteria: { '==': [{ var: 'tier' }, 'platform'] } });

describe('sharing rules in the studio', () => {
  it('writes a new rule whole, criteria and all', () => {
    const values = { ...sharingRuleValues(undefined, 'dealer'), name: 'l2', label: { 'zh-CN': '二级', en: 'Level 2' }, roles: ['channel_rep'], criteria: { '==': [{ var: 'tier' }, 'level_2'] } };
    expect(sharingRuleDraft(values, undefined, { kind: 'sharingRule', name: 'l2' })).toEqual({
      kind: 'sharingRule', name: 'l2', label: { 'zh-CN': '二级', en: 'Level 2' }, object: 'dealer', roles: ['channel_rep'], access: 'read',
      criteria: { '==': [{ var: 'tier' }, 'level_2'] },
    });
  });

  it("overrides only the changed properties of a plugin's rule", () => {
    const base = rule('to_directors', 'dealer');
    const values = { ...sharingRuleValues(base), includeSubordinates: true, access: 'edit' as const };
    expect(sharingRuleDraft(values, base, { kind: 'sharingRule', name: 'to_directors' }))
      .toEqual({ kind: 'sharingRule', name: 'to_directors', includeSubordinates: true, access: 'edit' });
  });

  it('groups rules by object', () => {
    const groups = rulesByObject([rule('b', 'dealer'), rule('c', 'credit'), rule('a', 'dealer')]);
    expect(groups.map(([object, rules]) => [object, rules.map((r) => r.name)])).toEqual([['credit', ['c']], ['dealer', ['a', 'b']]]);
  });
});
