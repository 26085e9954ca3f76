/** The SQL the dealer lifecycle reads: the dealer's latest business licence, and its open grants. */
import { sql, table, type SqlQuery } from '../../../engine/src/plugin-api.ts';
import { g, grantsWhereSql } from '../authorizations/grant-coverage.sql.ts';

export interface BusinessLicenceRow {
  number: string;
  valid_from: string;
  valid_to: string | null;
  /** On the day asked about. */
  state: 'valid' | 'expired' | 'not_yet_valid';
}

const q = table('qualification', 'q');

/** The dealer's business licence that is valid on `day`, else the one that lapsed last; no row when it never had one. */
export function businessLicenceSql(dealer: string, day: string): SqlQuery {
  const valid = sql`(${q.col('valid_from')} <= ${day}::date AND (${q.col('valid_to')} IS NULL OR ${q.col('valid_to')} >= ${day}::date))`;
  return sql`SELECT ${q.col('number')} AS number, to_char(${q.col('valid_from')}, 'YYYY-MM-DD') AS valid_from,
      to_char(${q.col('valid_to')}, 'YYYY-MM-DD') AS valid_to,
      CASE WHEN ${valid} THEN 'valid' WHEN ${q.col('valid_from')} > ${day}::date THEN 'not_yet_valid' ELSE 'expired' END AS state
    FROM ${q}
    WHERE ${q.col('dealer')} = ${dealer}::uuid AND ${q.col('type')} = ${'business_licence'} AND ${q.col('deleted_at')} IS NULL
    ORDER BY ${valid} DESC, ${q.col('valid_to')} DESC NULLS FIRST, ${q.col('id')}
    LIMIT 1`;
}

/** What a dealer still holds open: grants approved or awaiting approval. */
export const OPEN_GRANT_STATUSES = ['approved', 'pending'] as const;

export function openGrantsSql(dealer: string): SqlQuery {
  return grantsWhereSql(sql`${g.col('dealer')} = ${dealer}::uuid AND ${g.col('deleted_at')} IS NULL
    AND ${g.col('status')} = ANY(${`{${OPEN_GRANT_STATUSES.join(',')}}`}::text[])`);
}
