import { describe, expect, it } from 'vitest';
import { checkName } from './names.ts';

describe('checkName', () => {
  it.each(['hospital', 'unified_credit_code', 'a'.repeat(48)])('accepts %s', (name) => {
    expect(checkName(name, '/name')).toEqual([]);
  });

  it.each(['Hospital', '1st', '_x', 'a-b', 'a'.repeat(49), '', '__proto__', 'toString'])('refuses the pattern of %j', (name) => {
    expect(checkName(name, '/name')).toMatchObject([{ code: 'bad_name', path: '/name' }]);
  });

  it.each(['select', 'user', 'order', 'group', 'table', 'id', 'deleted_at', 'constructor', 'prototype'])('refuses reserved %s', (name) => {
    expect(checkName(name, '/fields/0/name')).toMatchObject([{ code: 'reserved_name', path: '/fields/0/name' }]);
  });
});
