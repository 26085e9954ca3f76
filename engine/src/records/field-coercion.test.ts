import { describe, expect, it } from 'vitest';
import type { FieldDef, FieldType } from '../../../metadata/src/types.ts';
import { CoercionFailure, coercerFor } from './field-coercion.ts';

const label = { 'zh-CN': '字段', en: 'Field' };
const coerce = (type: FieldType, value: unknown, extra: Partial<FieldDef> = {}) =>
  coercerFor({ name: 'f', type, label, ...extra })(value);
const failure = (rule: string) => expect.objectContaining({ rule });

describe('coercerFor', () => {
  it('reads "" as null for every non-text type and keeps text as given', () => {
    for (const type of ['integer', 'number', 'money', 'boolean', 'date', 'picklist', 'email', 'lookup'] as const) {
      expect(coerce(type, '')).toBeNull();
    }
    expect(coerce('text', '')).toBe('');
    expect(coerce('text', '  padded ')).toBe('  padded ');
    expect(coerce('long_text', 12)).toEqual(failure('type'));
  });

  it('turns numeric strings into numbers', () => {
    expect(coerce('integer', '12')).toBe(12);
    expect(coerce('integer', ' -7 ')).toBe(-7);
    expect(coerce('number', '1.5')).toBe(1.5);
    expect(coerce('percent', '.5')).toBe(0.5);
    expect(coerce('number', '12abc')).toEqual(failure('type'));
    expect(coerce('number', Number.NaN)).toEqual(failure('type'));
  });

  it('keeps integers whole and inside int4', () => {
    expect(coerce('integer', 2147483647)).toBe(2147483647);
    expect(coerce('integer', 2147483648)).toEqual(failure('type'));
    expect(coerce('integer', '1.5')).toEqual(failure('type'));
    expect(coerce('integer', true)).toEqual(failure('type'));
  });

  it('yields money as a decimal string within its scale, written as PostgreSQL returns it', () => {
    expect(coerce('money', 12.5)).toBe('12.50');
    expect(coerce('money', '1999.99')).toBe('1999.99');
    expect(coerce('money', '+3')).toBe('3.00');
    expect(coerce('money', '007.5')).toBe('7.50');
    expect(coerce('money', '-0')).toBe('0.00');
    expect(coerce('money', '-.5')).toBe('-0.50');
    expect(coerce('money', '12', { scale: 0 })).toBe('12');
    expect(coerce('money', '1234567890123456')).toBe('1234567890123456.00');
    expect(coerce('money', '12345678901234567')).toEqual(failure('too_large'));
    expect(coerce('money', '1.999')).toEqual(failure('scale'));
    expect(coerce('money', '1.2345', { scale: 4 })).toBe('1.2345');
    expect(coerce('money', 'ten')).toEqual(failure('type'));
    expect(coerce('money', '-1', { min: 0 })).toEqual(failure('min'));
    expect(coerce('money', '100.01', { max: 100 })).toEqual(failure('max'));
  });

  it('reads booleans from words', () => {
    for (const yes of [true, 'true', 'TRUE', '1', 1, '是']) expect(coerce('boolean', yes)).toBe(true);
    for (const no of [false, 'false', '0', 0, '否']) expect(coerce('boolean', no)).toBe(false);
    expect(coerce('boolean', 'yes please')).toEqual(failure('type'));
  });

  it('accepts only real dates', () => {
    expect(coerce('date', '2024-02-29')).toBe('2024-02-29');
    expect(coerce('date', '2023-02-29')).toEqual(failure('format'));
    expect(coerce('date', '2024-02-30')).toEqual(failure('format'));
    expect(coerce('date', '2024-13-01')).toEqual(failure('format'));
    expect(coerce('date', '2024-1-01')).toEqual(failure('format'));
    expect(coerce('date', 20240101)).toEqual(failure('type'));
  });

  it('yields datetimes in UTC and wants an offset', () => {
    expect(coerce('datetime', '2024-03-01T08:30:00+08:00')).toBe('2024-03-01T00:30:00.000Z');
    expect(coerce('datetime', '2024-03-01T08:30Z')).toBe('2024-03-01T08:30:00.000Z');
    expect(coerce('datetime', '2024-03-01T08:30:00')).toEqual(failure('format'));
    expect(coerce('datetime', '2024-02-30T08:30:00Z')).toEqual(failure('format'));
    expect(coerce('datetime', '2024-03-01T25:30:00Z')).toEqual(failure('format'));
  });

  it('splits multi-picklist strings on , and ;', () => {
    expect(coerce('multi_picklist', 'a, b;c')).toEqual(['a', 'b', 'c']);
    expect(coerce('multi_picklist', ['a'])).toEqual(['a']);
    expect(coerce('multi_picklist', ['a', 1])).toEqual(failure('type'));
  });

  it('reads geo points from objects and "lat,lng"', () => {
    expect(coerce('geo_point', '31.23,121.47')).toEqual({ lat: 31.23, lng: 121.47 });
    expect(coerce('geo_point', { lat: 39.9, lng: 116.4, extra: 1 })).toEqual({ lat: 39.9, lng: 116.4 });
    expect(coerce('geo_point', '91,0')).toEqual(failure('format'));
    expect(coerce('geo_point', { lat: 0, lng: 181 })).toEqual(failure('format'));
    expect(coerce('geo_point', '1,2,3')).toEqual(failure('format'));
    expect(coerce('geo_point', 5)).toEqual(failure('type'));
  });

  it('returns one shared failure per rule', () => {
    expect(coerce('integer', 'x')).toBeInstanceOf(CoercionFailure);
    expect(coerce('integer', 'x')).toBe(coerce('number', 'y'));
  });
});
