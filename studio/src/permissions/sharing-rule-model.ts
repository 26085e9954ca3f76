/** What the sharing rule editor edits, and the document it saves. */
import type { JsonLogic, Label, SharingRuleDoc } from '../../../metadata/src/types.ts';
import type { Draft } from '../api/meta.ts';
import { overrideDraft } from './override-draft.ts';

export interface SharingRuleValues {
  name: string;
  label: Label;
  object: string;
  roles: string[];
  includeSubordinates: boolean;
  access: 'read' | 'edit';
  /** Undefined shares every record of the object. */
  criteria: JsonLogic | undefined;
}

export function sharingRuleValues(rule: SharingRuleDoc | undefined, object = ''): SharingRuleValues {
  if (!rule) return { name: '', label: { 'zh-CN': '', en: '' }, object, roles: [], includeSubordinates: false, access: 'read', criteria: undefined };
  return {
    name: rule.name,
    label: rule.label,
    object: rule.object,
    roles: rule.roles,
    includeSubordinates: !!rule.includeSubordinates,
    access: rule.access,
    criteria: rule.criteria,
  };
}

export function sharingRuleDraft(values: SharingRuleValues, effective: SharingRuleDoc | undefined, custom: Draft<'sharingRule'>): Draft<'sharingRule'> {
  return overrideDraft('sharingRule', custom, effective, {
    name: values.name,
    label: values.label,
    object: values.object,
    roles: values.roles,
    includeSubordinates: values.includeSubordinates,
    access: values.access,
    criteria: values.criteria,
  });
}

/** Rules grouped by object, objects and rules in name order. */
export function rulesByObject(rules: readonly SharingRuleDoc[]): [string, SharingRuleDoc[]][] {
  const groups = new Map<string, SharingRuleDoc[]>();
  for (const rule of [...rules].sort((a, b) => a.name.localeCompare(b.name))) groups.set(rule.object, [...(groups.get(rule.object) ?? []), rule]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}
