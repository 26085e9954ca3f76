import { describe, expect, it } from 'vitest';
import { settledTermErrors } from './settled-terms.ts';

describe('a decided grant keeps its terms', () => {
  it('refuses a change of terms once approved, revoked or expired, naming each field', () => {
    for (const status of ['approved', 'revoked', 'expired']) {
      const errors = settledTermErrors({ action: 'update', current: { status }, values: { valid_to: '2031-12-31', hospital: 'h' } });
      expect(errors.map((e) => [e.field, e.rule])).toEqual([['hospital', 'authorization_settled'], ['valid_to', 'authorization_settled']]);
    }
  });

  it('lets the status, the owner and the channel manager move, and drafts, rejected and new grants change freely', () => {
    expect(settledTermErrors({ action: 'update', current: { status: 'approved' }, values: { status: 'revoked', channel_manager: 'li.na', owner_id: 'x' } })).toEqual([]);
    expect(settledTermErrors({ action: 'update', current: { status: 'draft' }, values: { valid_to: '2031-12-31' } })).toEqual([]);
    expect(settledTermErrors({ action: 'update', current: { status: 'rejected' }, values: { exclusive: true } })).toEqual([]);
    expect(settledTermErrors({ action: 'create', values: { status: 'approved', valid_to: '2031-12-31' } })).toEqual([]);
  });
});
