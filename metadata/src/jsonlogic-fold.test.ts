import { describe, expect, it } from 'vitest';
import { foldConstants, readsClock } from './jsonlogic-fold.ts';
import { evaluateLogic } from './jsonlogic.ts';

// 2026-12-06 16:30 UTC is already 2026-12-07 in China.
const AT = new Date('2026-12-06T16:30:00Z');
const fold = (expr: unknown) => foldConstants(expr as never, AT);

describe('foldConstants', () => {
  it("replaces today, now and date arithmetic on them by their values at the given time, today in China's calendar", () => {
    expect(fold({ today: [] })).toBe('2026-12-07');
    expect(fold({ now: [] })).toBe('2026-12-06T16:30:00.000Z');
    expect(fold({ '==': [{ var: 'valid_to' }, { date_add: [{ today: [] }, 60, 'days'] }] }))
      .toEqual({ '==': [{ var: 'valid_to' }, '2027-02-05'] });
    expect(fold({ '<': [{ var: 'valid_to' }, { start_of: [{ today: [] }, 'month'] }] })).toEqual({ '<': [{ var: 'valid_to' }, '2026-12-01'] });
  });

  it('folds any record-free operation, inside lists too, and a whole record-free condition to its value', () => {
    expect(fold({ in: [{ var: 'days' }, [{ '*': [6, 10] }, 30, { '-': [10, 3] }]] })).toEqual({ in: [{ var: 'days' }, [60, 30, 7]] });
    expect(fold({ and: [{ '==': [{ date_add: ['2024-01-31', 1, 'months'] }, '2024-02-29'] }, { var: 'active' }] }))
      .toEqual({ and: [true, { var: 'active' }] });
    expect(fold({ '!': { '==': [{ today: [] }, '2026-12-07'] } })).toBe(false);
  });

  it('leaves what reads the record as it is, and gives back the same object when nothing folds', () => {
    const reads = { and: [{ '==': [{ var: 'status' }, 'approved'] }, { changed: 'status' }, { '==': [{ prior: 'status' }, 'draft'] }, { missing: ['a'] }] };
    expect(fold(reads)).toBe(reads);
    const withList = { in: [{ var: 'level' }, ['3A', '3B']] };
    expect(fold(withList)).toBe(withList);
    const malformed = { '==': [{ var: 'name', raw: 'DROP' }, 'x'] };
    expect(fold(malformed), 'an object with several keys is no literal: the compiler must still see (and refuse) it').toBe(malformed);
    expect(fold({ '<': [{ var: 'valid_to' }, { date_add: [{ var: 'valid_from' }, 1, 'years'] }] }))
      .toEqual({ '<': [{ var: 'valid_to' }, { date_add: [{ var: 'valid_from' }, 1, 'years'] }] });
  });

  it('means the same as the expression it came from, on any record', () => {
    const expr = { or: [{ '==': [{ var: 'valid_to' }, { date_add: [{ today: [] }, 30, 'days'] }] }, { '>': [{ var: 'n' }, { '+': [1, 2] }] }] };
    for (const record of [{ valid_to: '2027-01-06', n: 0 }, { valid_to: '2027-01-07', n: 0 }, { valid_to: null, n: 4 }]) {
      expect(evaluateLogic(fold(expr), record)).toBe(evaluateLogic({ or: [{ '==': [{ var: 'valid_to' }, '2027-01-06'] }, { '>': [{ var: 'n' }, 3] }] }, record));
    }
  });

  it('does not fold an operation whose value is not a literal', () => {
    const object = { '==': [{ var: 'x' }, { if: [true, { a: 1, b: 2 }, 0] }] };
    expect(fold(object)).toBe(object);
  });
});

describe('readsClock', () => {
  it('tells an expression that reads today or now from one that does not', () => {
    expect(readsClock({ '<': [{ var: 'valid_to' }, { date_add: [{ today: [] }, 1, 'days'] }] })).toBe(true);
    expect(readsClock({ '>': [{ var: 'seen_at' }, { now: [] }] })).toBe(true);
    expect(readsClock({ '==': [{ var: 'today' }, { date_add: ['2026-01-01', 1, 'days'] }] })).toBe(false);
  });
});
