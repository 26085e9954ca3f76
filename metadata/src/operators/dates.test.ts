import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluateLogic } from '../jsonlogic.ts';

// date_add, date_diff and start_of are cases of operator-cases.json, which Node and the browser both run.

const run = (expr: object, data: object = {}) => evaluateLogic(expr, data);

afterEach(() => vi.useRealTimers());

describe('today and now', () => {
  it("give China's date and the UTC instant", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2024-03-31T23:30:00-02:00'));
    expect(run({ today: [] })).toBe('2024-04-01');
    expect(run({ now: [] })).toBe('2024-04-01T01:30:00.000Z');
  });

  it('turn the date at midnight in China, not at midnight UTC', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2024-03-31T15:59:59Z'));
    expect(run({ today: [] })).toBe('2024-03-31');
    vi.setSystemTime(new Date('2024-03-31T16:00:00Z'));
    expect(run({ today: [] })).toBe('2024-04-01');
  });
});
