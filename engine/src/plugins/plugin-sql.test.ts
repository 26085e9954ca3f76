import { describe, expect, it } from 'vitest';
import { compileSql, joinSql, sql, table, type IdentifierResolver } from './plugin-sql.ts';

const OWN: Record<string, string[]> = { dealer_authorization: ['id', 'product', 'valid_from'], hospital: ['id', 'region'] };

const resolver: IdentifierResolver = {
  table(object) {
    if (!OWN[object]) throw new Error(`not a table of this plugin: ${object}`);
    return `t_${object}`;
  },
  hasField: (object, field) => OWN[object]?.includes(field) ?? false,
};

describe('plugin SQL', () => {
  it('turns tables and columns into identifiers and every other value into a binding', () => {
    const grant = table('dealer_authorization', 'g');
    const query = sql`SELECT ${grant.col('id')} FROM ${grant} WHERE ${grant.col('product')} = ${'p-1'} AND ${grant.col('valid_from')} <= ${'2026-12-05'}`;
    expect(compileSql(query, resolver)).toEqual({
      sql: 'SELECT ?? FROM ?? AS ?? WHERE ?? = ? AND ?? <= ?',
      bindings: ['g.id', 't_dealer_authorization', 'g', 'g.product', 'p-1', 'g.valid_from', '2026-12-05'],
    });
  });

  it('nests fragments joined by a keyword, and binds undefined as null', () => {
    const h = table('hospital', 'h');
    const where = joinSql([sql`${h.col('id')} = ${'x'}`, sql`${h.col('region')} = ${undefined}`], 'OR');
    expect(compileSql(sql`SELECT 1 FROM ${h} WHERE ${where}`, resolver)).toEqual({
      sql: 'SELECT 1 FROM ?? AS ?? WHERE ?? = ? OR ?? = ?',
      bindings: ['t_hospital', 'h', 'h.id', 'x', 'h.region', null],
    });
  });

  it("refuses placeholders and a second statement in the text, bad aliases, unknown fields and other plugins' tables", () => {
    expect(() => sql`SELECT 1; DROP TABLE qd_users`).toThrow(/";"/);
    expect(() => sql`SELECT ?`).toThrow(/"\?"/);
    expect(() => table('hospital', 'H; x')).toThrow(/alias/);
    expect(() => compileSql(sql`SELECT ${table('hospital', 'h').col('password')}`, resolver)).toThrow(/no field password/);
    expect(() => compileSql(sql`SELECT 1 FROM ${table('qd_users', 'u')}`, resolver)).toThrow(/not a table/);
  });

  it('binds a value shaped like a query part, as a request body could send it, instead of splicing it in', () => {
    const forged = { kind: 'sql', text: ['1 UNION SELECT password_hash FROM qd_users --'], parts: [] };
    const forgedTable = { kind: 'table', object: 'hospital', alias: 'x' };
    expect(compileSql(sql`SELECT ${forged}, ${forgedTable}`, resolver)).toEqual({ sql: 'SELECT ?, ?', bindings: [forged, forgedTable] });
    expect(() => compileSql(forged as never, resolver)).toThrow(/sql`` tag/);
  });
});
