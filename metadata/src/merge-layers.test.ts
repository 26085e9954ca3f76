import { describe, expect, it } from 'vitest';
import { checkDocuments } from './check-documents.ts';
import { field } from './fixtures/builders.ts';
import { hospital3aBedsRule, hospitalObject } from './fixtures/contract-examples.ts';
import { mergeLayers } from './merge-layers.ts';
import type { ObjectDoc, ValidationRuleDoc } from './types.ts';

/** A custom-layer document may be partial; the merge result is what gets fully validated. */
const overlay = <T>(doc: object) => doc as T;

describe('mergeLayers', () => {
  it('returns the only layer there is', () => {
    expect(mergeLayers(hospitalObject, undefined)).toBe(hospitalObject);
    expect(mergeLayers(undefined, hospitalObject)).toBe(hospitalObject);
    expect(mergeLayers(undefined, undefined)).toBeUndefined();
  });

  it('overrides labels per locale', () => {
    const merged = mergeLayers(hospitalObject, overlay<ObjectDoc>({ kind: 'object', name: 'hospital', label: { en: 'Clinic' } }));
    expect(merged?.label).toEqual({ 'zh-CN': '医院', en: 'Clinic' });
    expect(merged?.fields).toEqual(hospitalObject.fields);
  });

  it('merges fields by name, appends new ones and marks removed ones', () => {
    const custom = overlay<ObjectDoc>({
      kind: 'object', name: 'hospital',
      fields: [
        { name: 'beds', label: { en: 'Bed count' }, min: 10 },
        field('tier', 'text'),
        { name: 'code', removed: true },
      ],
    });
    const merged = mergeLayers(hospitalObject, custom)!;
    expect(merged.fields.map((f) => f.name)).toEqual(['name', 'code', 'level', 'region', 'beds', 'opened_on', 'parent', 'tier']);
    expect(merged.fields[4]).toEqual({ name: 'beds', type: 'integer', label: { 'zh-CN': '床位数', en: 'Bed count' }, min: 10 });
    expect(merged.fields[1].removed).toBe(true);
    expect(checkDocuments([merged])).toEqual([]);
  });

  it('replaces picklist options as a whole', () => {
    const options = [{ value: '2A', label: { 'zh-CN': '二甲', en: 'Grade 2A' } }];
    const merged = mergeLayers(hospitalObject, overlay<ObjectDoc>({ kind: 'object', name: 'hospital', fields: [{ name: 'level', options }] }))!;
    expect(merged.fields[2].options).toEqual(options);
  });

  it('unites indexes, deduplicated by their fields', () => {
    const custom = overlay<ObjectDoc>({ kind: 'object', name: 'hospital', indexes: [{ fields: ['region', 'level'] }, { fields: ['code'], unique: true }] });
    expect(mergeLayers(hospitalObject, custom)!.indexes).toEqual([{ fields: ['region', 'level'] }, { fields: ['code'], unique: true }]);
  });

  it('disables a base rule with a shallow override', () => {
    const merged = mergeLayers(hospital3aBedsRule, overlay<ValidationRuleDoc>({ kind: 'validationRule', name: 'hospital_3a_beds', active: false }));
    expect(merged).toEqual({ ...hospital3aBedsRule, active: false });
  });
});
