/**
 * The SQL of the licence check: which of some device classes a dealer's qualifications do not cover on a day, and
 * for each the licence that last covered it (its latest `valid_to` before the day), if any ever did.
 */
import { sql, table, type SqlQuery, type SqlTable } from '../../../engine/src/plugin-api.ts';

/** A class that no qualification covers on the day; `lapsed_*` is null when none ever covered it before. */
export interface UncoveredClassRow {
  device_class: string;
  lapsed_type: string | null;
  lapsed_number: string | null;
  lapsed_valid_to: string | null;
  lapsed_since: string | null;
}

const q = table('qualification', 'q');
const held = table('qualification', 'held');

/** `classes` are device-class option values (`II`, `III`): they go into an array literal, so only those are accepted. */
export function uncoveredClassesSql(dealer: string, classes: readonly string[], day: string): SqlQuery {
  if (classes.some((c) => !/^I{1,3}$/.test(c))) throw new Error(`not device classes: ${classes.join(',')}`);
  const coversWanted = (t: SqlTable) =>
    sql`${t.col('dealer')} = ${dealer}::uuid AND ${t.col('deleted_at')} IS NULL AND wanted.device_class = ANY(${t.col('scope_classes')})`;
  return sql`SELECT wanted.device_class, lapsed.type AS lapsed_type, lapsed.number AS lapsed_number,
      to_char(lapsed.valid_to, 'YYYY-MM-DD') AS lapsed_valid_to, to_char(lapsed.valid_to + 1, 'YYYY-MM-DD') AS lapsed_since
    FROM unnest(${`{${classes.join(',')}}`}::text[]) AS wanted(device_class)
    LEFT JOIN LATERAL (
      SELECT ${q.col('type')} AS type, ${q.col('number')} AS number, ${q.col('valid_to')} AS valid_to FROM ${q}
      WHERE ${coversWanted(q)} AND ${q.col('valid_to')} < ${day}::date
      ORDER BY ${q.col('valid_to')} DESC, ${q.col('id')} LIMIT 1
    ) lapsed ON TRUE
    WHERE NOT EXISTS (
      SELECT 1 FROM ${held} WHERE ${coversWanted(held)}
        AND ${held.col('valid_from')} <= ${day}::date AND (${held.col('valid_to')} IS NULL OR ${held.col('valid_to')} >= ${day}::date)
    )
    ORDER BY wanted.device_class`;
}

/** The device classes of a product, or of a line's active products. */
export function deviceClassesSql(of: { product: string } | { productLine: string }): SqlQuery {
  const p = table('product', 'p');
  const which = 'product' in of
    ? sql`${p.col('id')} = ${of.product}::uuid`
    : sql`${p.col('product_line')} = ${of.productLine}::uuid AND ${p.col('active')} IS TRUE`;
  return sql`SELECT DISTINCT ${p.col('device_class')} AS device_class FROM ${p}
    WHERE ${which} AND ${p.col('deleted_at')} IS NULL AND ${p.col('device_class')} IS NOT NULL`;
}
