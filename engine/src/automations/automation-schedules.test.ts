import { describe, expect, it } from 'vitest';
import { tickPeriod } from './automation-schedules.ts';

describe("what keys a tick's runs", () => {
  it("is the tick's calendar day in the schedule's zone for a schedule that fires at most once a day", () => {
    const eightInChina = new Date('2026-12-07T00:00:00Z');
    expect(tickPeriod({ on: 'schedule', cron: '0 8 * * *' }, eightInChina)).toBe('2026-12-07');
    expect(tickPeriod({ on: 'schedule', cron: '30 7 * * 1-5', timezone: 'America/New_York' }, eightInChina)).toBe('2026-12-06');
    expect(tickPeriod({ on: 'schedule', cron: '5 0 1 * *' }, new Date('2026-11-30T16:05:00Z'))).toBe('2026-12-01');
  });

  it("is the tick's time for a schedule that fires more often", () => {
    const at = new Date('2026-12-07T00:00:00Z');
    for (const cron of ['0 * * * *', '*/15 8 * * *', '0 8,20 * * *', '0 8-18 * * *']) {
      expect(tickPeriod({ on: 'schedule', cron }, at)).toBe(String(at.getTime()));
    }
  });
});
