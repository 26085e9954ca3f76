import { describe, expect, it } from 'vitest';
import { checkDocumentShape } from './check-shape.ts';
import { hospital3aBedsRule, hospitalObject } from './fixtures/contract-examples.ts';
import { codesAndPaths } from './fixtures/builders.ts';

describe('checkDocumentShape', () => {
  it('accepts the two contract examples', () => {
    expect(checkDocumentShape(hospitalObject)).toEqual([]);
    expect(checkDocumentShape(hospital3aBedsRule)).toEqual([]);
  });

  it('names an unknown property at its own pointer', () => {
    const [p] = checkDocumentShape({ ...hospitalObject, fieldz: [] });
    expect(p).toEqual({ path: '/fieldz', code: 'unknown_property',
      message: { 'zh-CN': '未知属性 fieldz', en: 'unknown property fieldz' } });
  });

  it('names a missing property at the pointer it should have', () => {
    const { label: _label, ...noLabel } = hospitalObject;
    const [p] = checkDocumentShape(noLabel);
    expect(p).toEqual({ path: '/label', code: 'missing_property',
      message: { 'zh-CN': '缺少必填属性 label', en: 'missing required property label' } });
  });

  it('refuses an unknown kind at /kind, listing the kinds', () => {
    const [p] = checkDocumentShape({ kind: 'objekt', name: 'x' });
    expect(p.path).toBe('/kind');
    expect(p.code).toBe('not_allowed_value');
    expect(p.message.en).toContain('"validationRule"');
  });

  it('reports a wrong type, an unknown field type, a bad name and an empty label, all at once', () => {
    const doc = {
      ...hospitalObject, name: 'Hospital',
      fields: [{ name: 'beds', type: 'integr', label: { 'zh-CN': '', en: 'Beds' }, required: 'yes' }],
    };
    expect(codesAndPaths(checkDocumentShape(doc))).toEqual(expect.arrayContaining([
      { code: 'bad_name', path: '/name' },
      { code: 'not_allowed_value', path: '/fields/0/type' },
      { code: 'empty_value', path: '/fields/0/label/zh-CN' },
      { code: 'wrong_type', path: '/fields/0/required' },
    ]));
  });

  it('allows every FieldDef property on any field (the semantic check judges the fit)', () => {
    const doc = { ...hospitalObject, fields: [{ ...hospitalObject.fields[0], options: [], target: 'x', scale: 2 }] };
    expect(checkDocumentShape(doc)).toEqual([]);
  });

  it('refuses a non-object document', () => {
    expect(codesAndPaths(checkDocumentShape([]))).toEqual([{ code: 'wrong_type', path: '' }]);
  });
});

describe('checkDocumentShape of a custom-layer document', () => {
  it('accepts a partial overlay: a field with only a name and the overridden properties', () => {
    const overlay = { kind: 'object', name: 'hospital', fields: [{ name: 'beds', min: 10 }, { name: 'code', removed: true }] };
    expect(checkDocumentShape(overlay, 'custom')).toEqual([]);
    expect(checkDocumentShape(overlay).length).toBeGreaterThan(0);
  });

  it('still refuses unknown properties', () => {
    expect(codesAndPaths(checkDocumentShape({ kind: 'validationRule', name: 'r', activ: false }, 'custom')))
      .toEqual([{ code: 'unknown_property', path: '/activ' }]);
  });
});
