/**
 * The authorizations bench's data: grants of the medical pack's `dealer_authorization` over its demo dealers,
 * products, hospitals and departments, loaded by one INSERT … SELECT FROM generate_series (fixtures only: the
 * engine's create path is measured elsewhere), then the hospitals some region grants exclude.
 */
import type { Knex } from 'knex';

export const GRANTS_TABLE = 'data.dealer_authorization';
const EXCLUSIONS_TABLE = 'data.authorization_exclusion';
/** The years the grants' validity is spread over. */
export const FIRST_YEAR = 2019;
export const YEARS = 12;

/** What the loaded grants are made of, in shares of the whole (written to BENCHMARKS.md as the method). */
export const GRANT_MIX = {
  shapes: 'product at a hospital and department 60 %, product at a whole hospital 15 %, product line at a hospital (half with a department) 17 %, product line in a province (30 %) or city (70 %) 8 %',
  kinds: 'annual (a calendar year) 80 %, tender 20 % (from a random day, 90 to 730 days, with a tender number)',
  exclusive: 'exclusive 15 %',
  statuses: 'approved 75 %, pending 6 %, draft 6 %, expired 5 %, rejected 4 %, revoked 4 %',
  exclusions: 'a third of the region grants exclude 1 to 3 hospitals of their region',
};

/**
 * `count` grants by `actor`, drawn alike in every run (setseed; only their ids are new): every pick is an element
 * of an array of the demo's ids (in id order), so a grant's department belongs to its hospital and a region is a
 * province or city that has hospitals.
 */
export async function loadGrants(knex: Knex, count: number, actor: string): Promise<{ grants: number; exclusions: number }> {
  return knex.transaction(async (trx) => {
    await trx.raw('SELECT setseed(0.2026)');
    const inserted = await trx.raw(
      `WITH demo AS (SELECT
         (SELECT array_agg(id ORDER BY id) FROM data.dealer WHERE deleted_at IS NULL) AS dealers,
         (SELECT array_agg(id ORDER BY id) FROM data.product WHERE deleted_at IS NULL) AS products,
         (SELECT array_agg(product_line ORDER BY id) FROM data.product WHERE deleted_at IS NULL) AS product_lines,
         (SELECT array_agg(id ORDER BY id) FROM data.hospital WHERE deleted_at IS NULL) AS hospitals,
         (SELECT array_agg(id ORDER BY id) FROM data.department WHERE deleted_at IS NULL) AS departments,
         (SELECT array_agg(hospital ORDER BY id) FROM data.department WHERE deleted_at IS NULL) AS department_hospitals,
         (SELECT array_agg(code ORDER BY code) FROM (SELECT province AS code FROM data.hospital UNION SELECT city FROM data.hospital) r) AS regions)
       INSERT INTO ${GRANTS_TABLE} (id, created_by, updated_by, owner_id, dealer, product, product_line, hospital, department, region,
         kind, tender_number, valid_from, valid_to, exclusive, channel_manager, status)
       SELECT gen_random_uuid(), ?, ?, ?, dealers[dealer],
         CASE WHEN shape < 0.75 THEN products[product] END,
         CASE WHEN shape >= 0.75 THEN product_lines[product] END,
         CASE WHEN with_department THEN department_hospitals[department] WHEN shape < 0.92 THEN hospitals[hospital] END,
         CASE WHEN with_department THEN departments[department] END,
         CASE WHEN shape >= 0.92 THEN regions[region] END,
         CASE WHEN tender THEN 'tender' ELSE 'annual' END,
         CASE WHEN tender THEN 'ZB-' || year || '-' || lpad(i::text, 6, '0') END,
         start, CASE WHEN tender THEN start + days ELSE make_date(year, 12, 31) END,
         exclusive, 'channel.manager',
         CASE WHEN s < 0.75 THEN 'approved' WHEN s < 0.81 THEN 'pending' WHEN s < 0.87 THEN 'draft'
              WHEN s < 0.92 THEN 'expired' WHEN s < 0.96 THEN 'rejected' ELSE 'revoked' END
       FROM (
         SELECT demo.*, i, shape, tender, year, s, exclusive, days,
           shape < 0.6 OR (shape >= 0.75 AND shape < 0.835) AS with_department,
           CASE WHEN tender THEN make_date(year, 1, 1) + floor(r_day * 365)::int ELSE make_date(year, 1, 1) END AS start,
           1 + floor(r_dealer * cardinality(dealers))::int AS dealer, 1 + floor(r_product * cardinality(products))::int AS product,
           1 + floor(r_hospital * cardinality(hospitals))::int AS hospital, 1 + floor(r_department * cardinality(departments))::int AS department,
           1 + floor(r_region * cardinality(regions))::int AS region
         FROM demo, (
           SELECT i, random() AS shape, random() < 0.2 AS tender, ${FIRST_YEAR} + floor(random() * ${YEARS})::int AS year, random() AS s,
             random() < 0.15 AS exclusive, 90 + floor(random() * 641)::int AS days, random() AS r_day, random() AS r_dealer,
             random() AS r_product, random() AS r_hospital, random() AS r_region, random() AS r_department
           FROM generate_series(1, ?) AS i
         ) drawn
       ) picked`,
      [actor, actor, actor, count],
    );
    const excluded = await trx.raw(
      `INSERT INTO ${EXCLUSIONS_TABLE} (id, created_by, updated_by, owner_id, dealer_authorization, hospital)
       SELECT gen_random_uuid(), ?, ?, ?, g.id, x.id
       FROM ${GRANTS_TABLE} g
       CROSS JOIN LATERAL (
         SELECT h.id FROM data.hospital h WHERE (h.province = g.region OR h.city = g.region)
         ORDER BY random() LIMIT 1 + floor(random() * 3)::int
       ) x
       WHERE g.region IS NOT NULL AND random() < 0.33`,
      [actor, actor, actor],
    );
    return { grants: inserted.rowCount as number, exclusions: excluded.rowCount as number };
  });
}
