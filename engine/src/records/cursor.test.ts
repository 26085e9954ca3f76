import { describe, expect, it } from 'vitest';
import { QudaoError } from '../errors/catalog.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { SortKey } from './sort.ts';

const keys: SortKey[] = [
  { identifier: 't.beds', column: 'beds', descending: true, type: 'integer' },
  { identifier: 't.founded', column: 'founded', descending: false, type: 'date' },
  { identifier: 't.id', column: 'id', descending: false, type: 'uuid' },
];
const ID = '0190a0b0-0000-7000-8000-000000000001';

function expectBadCursor(cursor: string): void {
  try {
    decodeCursor(cursor, keys);
  } catch (error) {
    expect(error).toBeInstanceOf(QudaoError);
    expect((error as QudaoError).code).toBe('BAD_REQUEST');
    expect((error as QudaoError).errors[0]).toMatchObject({ field: 'cursor', rule: 'invalid' });
    return;
  }
  throw new Error(`decoded: ${cursor}`);
}

describe('cursor', () => {
  it('round-trips the sort values', () => {
    const cursor = encodeCursor([12, null, ID]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, keys)).toEqual([12, null, ID]);
  });

  it.each([
    ['not base64!'],
    [Buffer.from('{not json').toString('base64url')],
    [encodeCursor([12, null])],
    [encodeCursor([12.5, null, ID])],
    [encodeCursor([12, '2024-13-01', ID])],
    [encodeCursor([12, null, 'x'])],
    [encodeCursor([{ a: 1 }, null, ID])],
    [Buffer.from('{"0":1}').toString('base64url')],
    ['A'.repeat(5000)],
  ])('refuses %s', (cursor) => {
    expectBadCursor(cursor);
  });
});
