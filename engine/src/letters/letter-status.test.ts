import { describe, expect, it } from 'vitest';
import { letterStatus, todayInChina } from './letter-status.ts';

const issued = { status: 'issued' as const, validFrom: '2026-01-01', validTo: '2026-12-31' };

describe('a letter status', () => {
  it('is valid from its first to its last day, inclusive', () => {
    expect(letterStatus(issued, '2026-01-01')).toBe('valid');
    expect(letterStatus(issued, '2026-12-31')).toBe('valid');
  });

  it('is expired the day after its last day, and not yet valid before its first', () => {
    expect(letterStatus(issued, '2027-01-01')).toBe('expired');
    expect(letterStatus(issued, '2025-12-31')).toBe('notYetValid');
    expect(letterStatus({ ...issued, validTo: null }, '2099-01-01')).toBe('valid');
  });

  it('keeps a revocation or a replacement whatever the dates say', () => {
    expect(letterStatus({ ...issued, status: 'revoked' }, '2026-06-01')).toBe('revoked');
    expect(letterStatus({ ...issued, status: 'superseded' }, '2030-06-01')).toBe('superseded');
  });

  it('reads today in China: 20:00 UTC is already the next day in Shanghai', () => {
    expect(todayInChina(new Date('2026-03-01T20:00:00Z'))).toBe('2026-03-02');
    expect(todayInChina(new Date('2026-03-01T15:59:00Z'))).toBe('2026-03-01');
  });
});
