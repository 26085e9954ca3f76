import { describe, expect, it } from 'vitest';
import { dueAt } from './due.ts';

const from = new Date('2026-12-05T08:00:00Z');

describe('dueAt', () => {
  it('reads ISO 8601 durations and hours', () => {
    expect(dueAt('P2D', from).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(dueAt('PT4H', from).toISOString()).toBe('2026-12-05T12:00:00.000Z');
    expect(dueAt('P1DT12H30M', from).toISOString()).toBe('2026-12-06T20:30:00.000Z');
    expect(dueAt('P1W', from).toISOString()).toBe('2026-12-12T08:00:00.000Z');
    expect(dueAt(48, from).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(dueAt(0.5, from).toISOString()).toBe('2026-12-05T08:30:00.000Z');
  });

  it('refuses what is not a duration', () => {
    expect(() => dueAt('2 days', from)).toThrow(/ISO 8601/);
  });
});
