import { describe, expect, it } from 'vitest';
import { needsLicenceCheck } from './grant-licences.ts';

const stored = { dealer: 'd1', product: 'p1', product_line: null, status: 'draft', valid_to: '2027-12-31' };
const update = (values: Record<string, unknown>, current: Record<string, unknown> = stored) => ({ action: 'update' as const, values, current });

describe('needsLicenceCheck', () => {
  it('checks a new live grant, not a new one recorded as history', () => {
    expect(needsLicenceCheck({ action: 'create', values: { dealer: 'd1', product: 'p1', status: 'draft' } })).toBe(true);
    expect(needsLicenceCheck({ action: 'create', values: { dealer: 'd1', product: 'p1', status: 'revoked' } })).toBe(false);
  });

  it('checks a change of dealer, product or line, and a move to pending or approved', () => {
    expect(needsLicenceCheck(update({ dealer: 'd2' }))).toBe(true);
    expect(needsLicenceCheck(update({ product_line: 'l1', product: null }))).toBe(true);
    expect(needsLicenceCheck(update({ status: 'pending' }))).toBe(true);
    expect(needsLicenceCheck(update({ status: 'approved' }, { ...stored, status: 'pending' }))).toBe(true);
  });

  it('lets other edits, rejection, revocation and an unchanged status through unchecked', () => {
    expect(needsLicenceCheck(update({ valid_to: '2028-06-30' }))).toBe(false);
    expect(needsLicenceCheck(update({ dealer: 'd1' }))).toBe(false);
    expect(needsLicenceCheck(update({ status: 'rejected' }, { ...stored, status: 'pending' }))).toBe(false);
    expect(needsLicenceCheck(update({ status: 'revoked', dealer: 'd2' }, { ...stored, status: 'approved' }))).toBe(false);
    expect(needsLicenceCheck(update({ status: 'approved' }, { ...stored, status: 'approved' }))).toBe(false);
  });
});
