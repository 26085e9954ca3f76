/**
 * The one place that says, in SQL, which grants cover a place and a product over a period: the conflict check
 * (other exclusive grants, approved or pending) and "who may sell" (approved grants on one day) both build on it.
 * A grant covers a hospital when it names the hospital (and the department, or none: the whole hospital) or a
 * region that contains it (the hospital's province or city) and does not exclude it.
 */
import { joinSql, sql, table, type SqlQuery } from '../../../engine/src/plugin-api.ts';
import { regionLevel } from '../lib/regions.ts';

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

/** The columns both queries answer: the grant and the names of what it points at. */
export function grantRowsSql(coverage: Coverage, filter: GrantFilter): SqlQuery {
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
    WHERE ${coveringSql(coverage, filter)}
    ORDER BY ${g.col('valid_from')}, ${g.col('id')}
    LIMIT 200`;
}

export function coveringSql(coverage: Coverage, filter: GrantFilter): SqlQuery {
  const conditions = [
    sql`${g.col('deleted_at')} IS NULL`,
    sql`${g.col('status')} = ANY(${`{${filter.statuses.join(',')}}`}::text[])`,
    sql`${g.col('valid_from')} <= ${coverage.validTo}::date AND ${g.col('valid_to')} >= ${coverage.validFrom}::date`,
    productSql(coverage),
    placeSql(coverage, filter.exceptId),
  ];
  if (filter.exclusiveOnly) conditions.push(sql`${g.col('exclusive')}`);
  if (filter.dealer) conditions.push(sql`${g.col('dealer')} = ${filter.dealer}::uuid`);
  if (filter.exceptId) conditions.push(sql`${g.col('id')} <> ${filter.exceptId}::uuid`);
  return joinSql(conditions, 'AND');
}

/** A product is covered by grants of it and of its line; a line by grants of it and of any of its products. */
function productSql({ product, productLine }: Coverage): SqlQuery {
  const ofProduct = table('product', 'gp');
  if (product) {
    return sql`(${g.col('product')} = ${product}::uuid
      OR ${g.col('product_line')} = (SELECT ${ofProduct.col('product_line')} FROM ${ofProduct} WHERE ${ofProduct.col('id')} = ${product}::uuid))`;
  }
  return sql`(${g.col('product_line')} = ${productLine ?? null}::uuid
    OR ${g.col('product')} IN (SELECT ${ofProduct.col('id')} FROM ${ofProduct} WHERE ${ofProduct.col('product_line')} = ${productLine ?? null}::uuid))`;
}

function placeSql(coverage: Coverage, exceptId: string | undefined): SqlQuery {
  return coverage.hospital ? hospitalPlaceSql(coverage.hospital, coverage.department ?? null) : regionPlaceSql(coverage.region ?? '', exceptId);
}

/** Grants at the hospital (same department, or either side the whole hospital), or of a region containing it that doesn't exclude it. */
function hospitalPlaceSql(hospital: string, department: string | null): SqlQuery {
  const at = table('hospital', 'at');
  return sql`((${g.col('hospital')} = ${hospital}::uuid
      AND (${g.col('department')} IS NULL OR ${department}::uuid IS NULL OR ${g.col('department')} = ${department}::uuid))
    OR (${g.col('region')} IN (SELECT ${at.col('province')} FROM ${at} WHERE ${at.col('id')} = ${hospital}::uuid
        UNION ALL SELECT ${at.col('city')} FROM ${at} WHERE ${at.col('id')} = ${hospital}::uuid)
      AND NOT ${excludes(g.col('id'), sql`${hospital}::uuid`)}))`;
}

/**
 * Grants of an overlapping region (the same, the province containing a city, a city inside a province), or at a
 * hospital inside the region that the region grant being checked does not exclude.
 */
function regionPlaceSql(region: string, exceptId: string | undefined): SqlQuery {
  const level = regionLevel(region);
  const province = `${region.slice(0, 2)}0000`;
  const inside = level === 'province' ? `${region.slice(0, 2)}%` : region;
  const gh = table('hospital', 'gh');
  const hospitalInside = sql`EXISTS (SELECT 1 FROM ${gh} WHERE ${gh.col('id')} = ${g.col('hospital')}
    AND (${gh.col('province')} = ${region} OR ${gh.col('city')} = ${region}))`;
  const notExcluded = exceptId ? sql` AND NOT ${excludes(sql`${exceptId}::uuid`, g.col('hospital'))}` : sql``;
  return sql`(${g.col('region')} IN (${region}, ${province}) OR ${g.col('region')} LIKE ${inside}
    OR (${hospitalInside}${notExcluded}))`;
}

function excludes(grant: unknown, hospital: unknown): SqlQuery {
  const e = table('authorization_exclusion', 'e');
  return sql`EXISTS (SELECT 1 FROM ${e} WHERE ${e.col('dealer_authorization')} = ${grant}
    AND ${e.col('hospital')} = ${hospital} AND ${e.col('deleted_at')} IS NULL)`;
}
