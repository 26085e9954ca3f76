/**
 * The one place that says, in SQL, which grants cover a place and a product over a period: the conflict check
 * (other exclusive grants, approved or pending) and "who may sell" (approved grants on one day) both build on it.
 * A grant covers a hospital when it names the hospital (and the department, or none: the whole hospital) or a
 * region that contains it (the hospital's province or city) and does not exclude it.
 */
import { joinSql, sql, table, type SqlQuery } from '../../../engine/src/plugin-api.ts';
import { regionsIn } from '../lib/regions.ts';

/** What is asked about: a product or a line, a hospital (and department) or a region, a period. */
export interface Coverage {
  product?: string | null;
  productLine?: string | null;
  hospital?: string | null;
  department?: string | null;
  region?: string | null;
  validFrom: string;
  validTo: string;
}

export interface GrantFilter {
  statuses: readonly string[];
  exclusiveOnly: boolean;
  /** The grant being checked: not its own conflict, and its exclusions count too. */
  exceptId?: string;
  /** Only this dealer's grants (a portal user asking). */
  dealer?: string;
}

export const g = table('dealer_authorization', 'g');
const d = table('dealer', 'd');
const p = table('product', 'p');
const pl = table('product_line', 'pl');
const h = table('hospital', 'h');
const dep = table('department', 'dep');

/** The grants covering a sale (see coveringSql). */
export function grantRowsSql(coverage: Coverage, filter: GrantFilter): SqlQuery {
  return grantsWhereSql(coveringSql(coverage, filter));
}

/** The grants `where` picks (at most 200), each with the names of what it points at: the columns of GrantRow. */
export function grantsWhereSql(where: SqlQuery): SqlQuery {
  return sql`SELECT ${g.col('id')}, ${g.col('dealer')}, ${d.col('name')} AS dealer_name, ${g.col('product')}, ${p.col('name')} AS product_name,
      ${g.col('product_line')}, ${pl.col('name')} AS product_line_name, ${g.col('hospital')}, ${h.col('name')} AS hospital_name,
      ${g.col('department')}, ${dep.col('name')} AS department_name, ${g.col('region')}, ${g.col('kind')}, ${g.col('tender_number')},
      to_char(${g.col('valid_from')}, 'YYYY-MM-DD') AS valid_from, to_char(${g.col('valid_to')}, 'YYYY-MM-DD') AS valid_to,
      ${g.col('exclusive')}, ${g.col('status')}
    FROM ${g}
    JOIN ${d} ON ${d.col('id')} = ${g.col('dealer')}
    LEFT JOIN ${p} ON ${p.col('id')} = ${g.col('product')}
    LEFT JOIN ${pl} ON ${pl.col('id')} = ${g.col('product_line')}
    LEFT JOIN ${h} ON ${h.col('id')} = ${g.col('hospital')}
    LEFT JOIN ${dep} ON ${dep.col('id')} = ${g.col('department')}
    WHERE ${where}
    ORDER BY ${g.col('valid_from')}, ${g.col('id')}
    LIMIT 200`;
}

export function coveringSql(coverage: Coverage, filter: GrantFilter): SqlQuery {
  const conditions = [
    sql`${g.col('deleted_at')} IS NULL`,
    sql`${g.col('status')} = ANY(${`{${filter.statuses.join(',')}}`}::text[])`,
    sql`${g.col('valid_from')} <= ${coverage.validTo}::date AND ${g.col('valid_to')} >= ${coverage.validFrom}::date`,
    coveringPlaceAndProductSql(coverage, filter.exceptId),
  ];
  if (filter.exclusiveOnly) conditions.push(sql`${g.col('exclusive')}`);
  if (filter.dealer) conditions.push(sql`${g.col('dealer')} = ${filter.dealer}::uuid`);
  if (filter.exceptId) conditions.push(sql`${g.col('id')} <> ${filter.exceptId}::uuid`);
  return joinSql(conditions, 'AND');
}

/**
 * A grant covers the sale when it is for the product (or a product of the line) or the line at a hospital of the
 * place, or for the line in a region overlapping the place (a region grant is always for a line: the rule
 * authorization_region_for_line). Written as three arms, each the index condition of one of the object's indexes,
 * (product, hospital, exclusive), (product_line, hospital, exclusive) and (product_line, region, exclusive), so
 * PostgreSQL reads only those grants (a BitmapOr; the conflict check's `exclusive` narrows them in the index too).
 * An OR of products ANDed with an OR of places is no index condition: it read every grant of the product's line, or
 * for a region the whole table (BENCHMARKS.md, "Dealer authorizations against 200,000 grants").
 */
function coveringPlaceAndProductSql(coverage: Coverage, exceptId: string | undefined): SqlQuery {
  const { products, lines } = productsAndLinesSql(coverage);
  const department = coverage.department ?? null;
  const atPlace = sql`${g.col('hospital')} = ANY(${hospitalsSql(coverage)})
    AND (${g.col('department')} IS NULL OR ${department}::uuid IS NULL OR ${g.col('department')} = ${department}::uuid)`;
  // a hospital candidate: not the region grants that exclude it; a region grant being checked: not the hospitals it excludes
  const atHospital = coverage.hospital || !exceptId ? atPlace : sql`${atPlace} AND NOT ${excludes(sql`${exceptId}::uuid`, g.col('hospital'))}`;
  const inRegion = coverage.hospital
    ? sql`${g.col('region')} = ANY(${regionsSql(coverage)}) AND NOT ${excludes(g.col('id'), sql`${coverage.hospital}::uuid`)}`
    : sql`${g.col('region')} = ANY(${regionsSql(coverage)})`;
  return sql`((${g.col('product')} = ANY(${products}) AND ${atHospital})
    OR (${g.col('product_line')} = ANY(${lines}) AND ${atHospital})
    OR (${g.col('product_line')} = ANY(${lines}) AND ${inRegion}))`;
}

/** A product is covered by grants of it and of its line; a line by grants of it and of any of its products. */
function productsAndLinesSql({ product, productLine }: Coverage): { products: SqlQuery; lines: SqlQuery } {
  const gp = table('product', 'gp');
  if (product) {
    return {
      products: sql`ARRAY[${product}::uuid]`,
      lines: sql`ARRAY(SELECT ${gp.col('product_line')} FROM ${gp} WHERE ${gp.col('id')} = ${product}::uuid)`,
    };
  }
  return {
    products: sql`ARRAY(SELECT ${gp.col('id')} FROM ${gp} WHERE ${gp.col('product_line')} = ${productLine ?? null}::uuid)`,
    lines: sql`ARRAY[${productLine ?? null}::uuid]`,
  };
}

/** The hospital asked about, or the hospitals inside the region. */
function hospitalsSql({ hospital, region }: Coverage): SqlQuery {
  if (hospital) return sql`ARRAY[${hospital}::uuid]`;
  const gh = table('hospital', 'gh');
  return sql`ARRAY(SELECT ${gh.col('id')} FROM ${gh} WHERE ${gh.col('province')} = ${region ?? ''} OR ${gh.col('city')} = ${region ?? ''})`;
}

/**
 * The regions whose grants overlap the place: a hospital's province and city; for a region, itself, its province
 * and the regions inside it (a province's cities).
 */
function regionsSql({ hospital, region }: Coverage): SqlQuery {
  if (hospital) {
    const at = table('hospital', 'at');
    return sql`(SELECT ARRAY[${at.col('province')}, ${at.col('city')}] FROM ${at} WHERE ${at.col('id')} = ${hospital}::uuid)::text[]`;
  }
  const code = region ?? '';
  const overlapping = [...new Set([code, `${code.slice(0, 2)}0000`, ...regionsIn(code)])];
  return sql`${`{${overlapping.join(',')}}`}::text[]`;
}

function excludes(grant: unknown, hospital: unknown): SqlQuery {
  const e = table('authorization_exclusion', 'e');
  return sql`EXISTS (SELECT 1 FROM ${e} WHERE ${e.col('dealer_authorization')} = ${grant}
    AND ${e.col('hospital')} = ${hospital} AND ${e.col('deleted_at')} IS NULL)`;
}
