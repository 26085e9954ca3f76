import { describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../../metadata/src/store.ts';
import type { Layer, MetadataDoc, ObjectDoc, ValidationRuleDoc } from '../../../metadata/src/types.ts';
import { layersAfter, pluginConflicts, valueInLayer } from './plugin-conflicts.ts';

const label = (en: string) => ({ 'zh-CN': en, en });
const depot = (capacityType: 'integer' | 'text'): ObjectDoc => ({
  kind: 'object', name: 'depot', label: label('Depot'),
  fields: [{ name: 'name', type: 'text', label: label('Name') }, { name: 'capacity', type: capacityType, label: label('Capacity') }],
});
const customDepot = { kind: 'object', name: 'depot', fields: [{ name: 'manager', type: 'text', label: label('Manager') }, { name: 'capacity', max: 1000 }] } as unknown as ObjectDoc;
const rule: ValidationRuleDoc = { kind: 'validationRule', name: 'depot_capacity', object: 'depot', field: 'capacity', errorWhen: { '<=': [{ var: 'capacity' }, 0] }, message: label('Positive') };
const stored = (body: MetadataDoc, layer: Layer): StoredDocument => ({ kind: body.kind, name: body.name, layer, version: 1, deleted: false, body });

describe('layersAfter', () => {
  it('puts the new documents in their layer and takes the removals out of theirs', () => {
    const before = [stored(depot('integer'), 'base'), stored(customDepot, 'custom'), stored(rule, 'custom')];
    const after = layersAfter(before, { documents: [depot('text')], remove: [{ kind: 'validationRule', name: 'depot_capacity', layer: 'custom' }], layer: 'base' });
    expect(after.base).toEqual([depot('text')]);
    expect(after.custom).toEqual([customDepot]);
  });
});

describe('pluginConflicts', () => {
  it('reads a merged field\'s place in each layer by the field\'s name', () => {
    const conflicts = pluginConflicts(
      [{ field: 'object:depot/fields/1/max', rule: 'property_not_allowed', message: label('a text field may not have property max') },
        { field: 'object:depot/fields/1/type', rule: 'some_rule', message: label('m') }],
      { base: [depot('text')], custom: [customDepot] },
    );
    expect(conflicts).toEqual([
      { field: 'object:depot/fields/1/max', rule: 'property_not_allowed', document: { kind: 'object', name: 'depot' }, path: '/fields/1/max', custom: 1000 },
      { field: 'object:depot/fields/1/type', rule: 'some_rule', document: { kind: 'object', name: 'depot' }, path: '/fields/1/type', plugin: 'text' },
    ]);
  });

  it('reads a custom-only document as it stands, and skips errors outside any document', () => {
    const conflicts = pluginConflicts(
      [{ field: 'validationRule:depot_capacity/errorWhen/<=/0/var', rule: 'unknown_field', message: label('no such field') },
        { field: '/documents/0', rule: 'x', message: label('m') }],
      { base: [], custom: [rule] },
    );
    expect(conflicts).toEqual([{ field: 'validationRule:depot_capacity/errorWhen/<=/0/var', rule: 'unknown_field', document: { kind: 'validationRule', name: 'depot_capacity' }, path: '/errorWhen/<=/0/var', custom: 'capacity' }]);
  });
});

describe('valueInLayer', () => {
  it('follows unnamed items by index, and finds nothing in a layer without the document', () => {
    expect(valueInLayer({ a: [1, 2] }, { a: [1, 3] }, ['a', '1'])).toBe(3);
    expect(valueInLayer({ a: 1 }, undefined, ['a'])).toBeUndefined();
  });
});
