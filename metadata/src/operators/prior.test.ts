import { describe, expect, it } from 'vitest';
import { evaluateLogic } from '../jsonlogic.ts';

describe('prior', () => {
  it('reads the record before the write', () => {
    const data = { status: 'won', $prior: { status: 'open', amount: 0 } };
    expect(evaluateLogic({ prior: 'status' }, data)).toBe('open');
    expect(evaluateLogic({ prior: 'amount' }, data)).toBe(0);
    expect(evaluateLogic({ prior: 'missing' }, data)).toBeNull();
  });

  it('is null on create and for bad input', () => {
    expect(evaluateLogic({ prior: 'status' }, { status: 'open' })).toBeNull();
    expect(evaluateLogic({ prior: 'status' }, { $prior: null })).toBeNull();
    expect(evaluateLogic({ prior: 'status' }, { $prior: 'text' })).toBeNull();
    expect(evaluateLogic({ prior: [null] }, { $prior: { null: 1 } })).toBeNull();
  });

  it('reads own properties only', () => {
    expect(evaluateLogic({ prior: 'constructor' }, { $prior: {} })).toBeNull();
    expect(evaluateLogic({ prior: 'status' }, Object.create({ $prior: { status: 'open' } }))).toBeNull();
  });
});

describe('changed', () => {
  const prior = { status: 'open', tags: ['a'], note: null, amount: 5 };

  it('compares the field with its value before the write', () => {
    expect(evaluateLogic({ changed: 'status' }, { status: 'won', $prior: prior })).toBe(true);
    expect(evaluateLogic({ changed: 'status' }, { status: 'open', $prior: prior })).toBe(false);
    expect(evaluateLogic({ changed: 'tags' }, { tags: ['a'], $prior: prior })).toBe(false);
    expect(evaluateLogic({ changed: 'tags' }, { tags: ['a', 'b'], $prior: prior })).toBe(true);
    expect(evaluateLogic({ changed: 'amount' }, { amount: '5', $prior: prior })).toBe(true);
  });

  it('treats a missing field as null', () => {
    expect(evaluateLogic({ changed: 'note' }, { $prior: prior })).toBe(false);
    expect(evaluateLogic({ changed: 'status' }, { $prior: prior })).toBe(true);
  });

  it('on create, is true for a value that is not null', () => {
    expect(evaluateLogic({ changed: 'status' }, { status: 'open' })).toBe(true);
    expect(evaluateLogic({ changed: 'status' }, { status: '' })).toBe(true);
    expect(evaluateLogic({ changed: 'status' }, { status: null })).toBe(false);
    expect(evaluateLogic({ changed: 'status' }, {})).toBe(false);
  });

  it('is false for a field that is not a name', () => {
    expect(evaluateLogic({ changed: [null] }, { null: 1 })).toBe(false);
    expect(evaluateLogic({ changed: [1] }, { 1: 1 })).toBe(false);
  });
});
