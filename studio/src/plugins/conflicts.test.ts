import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../runtime-ui/src/api/client.ts';
import { conflictsOf, shownValue } from './conflicts.ts';

const refusal = (conflicts?: unknown[]) => new ApiError(422, 'PLUGIN_CONFLICT', 'The upgrade conflicts with customizations', [
  { field: 'object:depot/fields/1/max', rule: 'property_not_allowed', message: 'a text field may not have property max' },
  { field: 'validationRule:depot_rule/field', rule: 'unknown_field', message: 'no field capacity' },
], conflicts ? { conflicts } : {});

describe('conflictsOf', () => {
  it('joins each error with its document, place and the two layers\' values', () => {
    const conflicts = conflictsOf(refusal([
      { field: 'object:depot/fields/1/max', rule: 'property_not_allowed', document: { kind: 'object', name: 'depot' }, path: '/fields/1/max', custom: 1000 },
      { field: 'validationRule:depot_rule/field', rule: 'unknown_field', document: { kind: 'validationRule', name: 'depot_rule' }, path: '/field', plugin: 'size', custom: 'capacity' },
    ]));
    expect(conflicts).toEqual([
      { document: { kind: 'object', name: 'depot' }, path: '/fields/1/max', message: 'a text field may not have property max', custom: 1000 },
      { document: { kind: 'validationRule', name: 'depot_rule' }, path: '/field', message: 'no field capacity', plugin: 'size', custom: 'capacity' },
    ]);
  });

  it('reads the document and place from the error alone when the answer has no details', () => {
    expect(conflictsOf(refusal())?.[1]).toEqual({ document: { kind: 'validationRule', name: 'depot_rule' }, path: '/field', message: 'no field capacity' });
  });

  it('is null for any other error', () => {
    expect(conflictsOf(new ApiError(409, 'PLUGIN_STATE', 'not newer'))).toBeNull();
    expect(conflictsOf(new Error('offline'))).toBeNull();
  });
});

describe('shownValue', () => {
  it('shows text as it is and anything else as JSON', () => {
    expect(shownValue('capacity')).toBe('capacity');
    expect(shownValue(1000)).toBe('1000');
    expect(shownValue([{ value: 'a' }])).toBe('[{"value":"a"}]');
    expect(shownValue(undefined)).toBe('');
  });
});
