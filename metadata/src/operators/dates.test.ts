import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluateLogic } from '../jsonlogic.ts';

const run = (expr: object, data: object = {}) => evaluateLogic(expr, data);

afterEach(() => vi.useRealTimers());

describe('today and now', () => {
  it('give the UTC date and instant', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2024-03-31T23:30:00-02:00'));
    expect(run({ today: [] })).toBe('2024-04-01');
    expect(run({ now: [] })).toBe('2024-04-01T01:30:00.000Z');
  });
});

describe('date_add', () => {
  it.each([
    ['2024-01-15', 10, 'days', '2024-01-25'],
    ['2024-03-01', -1, 'days', '2024-02-29'],
    ['2024-01-31', 1, 'months', '2024-02-29'],
    ['2023-01-31', 1, 'months', '2023-02-28'],
    ['2024-03-31', -1, 'months', '2024-02-29'],
    ['2024-11-30', 3, 'months', '2025-02-28'],
    ['2024-02-29', 1, 'years', '2025-02-28'],
    ['0050-06-01', 1, 'years', '0051-06-01'],
    ['2024-01-31T08:15:00+08:00', 1, 'months', '2024-02-29T00:15:00.000Z'],
    ['2024-01-01T12:00:00Z', 2, 'days', '2024-01-03T12:00:00.000Z'],
  ])('%s + %s %s = %s', (date, n, unit, expected) => {
    expect(run({ date_add: [{ var: 'd' }, n, unit] }, { d: date })).toBe(expected);
  });

  it('gives null for bad input', () => {
    for (const args of [
      [null, 1, 'days'], ['2024-02-30', 1, 'days'], ['2024-1-1', 1, 'days'], ['yesterday', 1, 'days'],
      ['2024-01-01', 1.5, 'days'], ['2024-01-01', '1', 'days'], ['2024-01-01', 1, 'weeks'], ['2024-01-01'],
      ['9999-12-31', 1, 'days'], ['2024-01-01T10:00', 1, 'days'],
    ]) expect(run({ date_add: args })).toBeNull();
  });
});

describe('date_diff', () => {
  it.each([
    ['2024-01-01', '2024-03-01', 'days', 60],
    ['2024-03-01', '2024-01-01', 'days', -60],
    ['2024-01-31', '2024-02-29', 'months', 1],
    ['2024-01-15', '2024-02-14', 'months', 0],
    ['2024-01-15', '2024-02-15', 'months', 1],
    ['2024-02-15', '2024-01-16', 'months', 0],
    ['2024-02-15', '2024-01-15', 'months', -1],
    ['2020-02-29', '2025-02-28', 'years', 5],
    ['2020-06-01', '2021-05-31', 'years', 0],
    ['2021-05-31', '2020-06-01', 'years', 0],
    ['2024-01-01T00:00:00Z', '2024-01-02T23:59:59Z', 'days', 1],
    ['2024-01-02T00:00:00Z', '2024-01-01T00:00:01Z', 'days', 0],
  ])('%s to %s in %s is %s', (a, b, unit, expected) => {
    expect(run({ date_diff: [a, b, unit] })).toBe(expected);
  });

  it('gives null for bad input', () => {
    expect(run({ date_diff: [null, '2024-01-01', 'days'] })).toBeNull();
    expect(run({ date_diff: ['2024-01-01', '2024-13-01', 'days'] })).toBeNull();
    expect(run({ date_diff: ['2024-01-01', '2024-02-01', 'hours'] })).toBeNull();
    expect(run({ date_diff: [{ var: 'missing' }, { var: 'missing' }, 'days'] })).toBeNull();
  });
});

describe('start_of', () => {
  it.each([
    ['2024-05-17', 'month', '2024-05-01'],
    ['2024-05-17', 'quarter', '2024-04-01'],
    ['2024-12-31', 'quarter', '2024-10-01'],
    ['2024-05-17', 'year', '2024-01-01'],
    ['2024-05-17T10:00:00Z', 'month', '2024-05-01T00:00:00.000Z'],
  ])('%s to the %s: %s', (date, period, expected) => {
    expect(run({ start_of: [date, period] })).toBe(expected);
  });

  it('gives null for bad input', () => {
    expect(run({ start_of: ['2024-05-17', 'week'] })).toBeNull();
    expect(run({ start_of: [20240517, 'month'] })).toBeNull();
    expect(run({ start_of: [null, 'month'] })).toBeNull();
  });
});
