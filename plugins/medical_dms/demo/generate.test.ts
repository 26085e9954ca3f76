import { describe, expect, it } from 'vitest';
import type { DataRow, DemoUserRow } from '../../../engine/src/plugin-api.ts';
import { isValidGtin } from '../lib/gs1.ts';
import { normalizeHospitalName } from '../lib/hospital-name.ts';
import { cityOf, provinceOf, regionLevel } from '../lib/regions.ts';
import { isValidCreditCode } from '../lib/uscc.ts';
import generateDemoData from './generate.ts';

const TODAY = new Date('2026-11-25T00:30:00+08:00');
const items = generateDemoData(20261125, TODAY);
const rows = items.filter((item): item is DataRow => 'object' in item);
const users = items.filter((item): item is DemoUserRow => 'user' in item);
const of = (object: string) => rows.filter((row) => row.object === object).map((row) => row.values);
const byKey = new Map(rows.filter((row) => row.key).map((row) => [row.key!, row]));
const refKey = (value: unknown) => (value as { $ref: string }).$ref;

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  if ('$ref' in value) return [String(value.$ref)];
  return Object.values(value).flatMap(refsIn);
}

function daysFromToday(date: string): number {
  return (Date.parse(`${date}T00:00:00Z`) - Date.UTC(2026, 10, 25)) / 86_400_000;
}

describe('generateDemoData', () => {
  it('gives the same rows for the same seed and day, other rows for another seed', () => {
    expect(generateDemoData(20261125, new Date('2026-11-25T23:30:00+08:00'))).toEqual(items);
    expect(generateDemoData(7, TODAY)).not.toEqual(items);
  });

  it('makes the listed number of rows of each object', () => {
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row.object] = (counts[row.object] ?? 0) + 1;
    expect(counts).toMatchObject({ product_line: 3, product: 40, hospital: 300, dealer: 60, dealer_authorization: 6 });
    expect(of('dealer').filter((dealer) => dealer.tier === 'platform')).toHaveLength(10);
  });

  it('only refers to rows that come earlier, under unique keys', () => {
    const seen = new Set<string>();
    for (const row of items) {
      const [name, refs] = 'user' in row ? [row.user.username, refsIn(row.user)] : [row.object, refsIn(row.values)];
      for (const key of refs) expect(seen.has(key), `${name} → ${key}`).toBe(true);
      if (row.key) {
        expect(seen).not.toContain(row.key);
        seen.add(row.key);
      }
    }
  });

  it('comes with the demo logins of DESIGN.md, portal.a and portal.b on two different dealers', () => {
    const byName = new Map(users.map((u) => [u.user.username, u.user]));
    expect(byName.get('channel.manager')?.role).toBe('channel_manager');
    expect(byName.get('compliance')?.role).toBe('compliance');
    expect(byName.get('finance')?.role).toBe('finance');
    expect(byName.get('engineer')?.role).toBe('engineer');
    const [a, b] = ['portal.a', 'portal.b'].map((name) => byName.get(name)!);
    expect([a.kind, b.kind]).toEqual(['portal', 'portal']);
    expect(refKey(a.account)).not.toBe(refKey(b.account));
    expect(byKey.get(refKey(a.account))?.object).toBe('dealer');
  });

  it('gives every dealer an owner from the channel team, named in channel_manager too', () => {
    for (const dealer of of('dealer')) {
      const owner = users.find((u) => u.key === refKey(dealer.owner_id))!.user;
      expect(['channel_manager', 'channel_rep']).toContain(owner.role);
      expect(dealer.channel_manager).toBe(owner.username);
    }
  });

  it('gives products valid GTINs and registration numbers', () => {
    const products = of('product');
    for (const product of products) {
      expect(isValidGtin(String(product.gtin)), String(product.gtin)).toBe(true);
      expect(product.gtin).toMatch(/^\d{14}$/);
      expect(product.registration_no).toMatch(product.device_class === 'I' ? /^.械备\d{8}号$/ : /^(国|.)械注准\d{4}(2|3)\d{6}$/);
      expect(['个', '盒', '台', '套', '支', '瓶']).toContain(product.unit);
    }
    expect(new Set(products.map((product) => product.gtin)).size).toBe(products.length);
  });

  it('places hospitals in real regions of the right level, with names unique once normalised', () => {
    const hospitals = of('hospital');
    for (const hospital of hospitals) {
      const { province, city, district } = hospital as Record<string, string>;
      expect([regionLevel(province), regionLevel(city), regionLevel(district)]).toEqual(['province', 'city', 'district']);
      expect([provinceOf(district), cityOf(district)]).toEqual([province, city]);
      expect(['3A', '3B', '2A', '2B', '1']).toContain(hospital.level);
    }
    const names = hospitals.flatMap((hospital) => [hospital.name, ...((hospital.aliases as string | undefined)?.split('\n') ?? [])]);
    expect(new Set(names.map((name) => normalizeHospitalName(String(name)))).size).toBe(names.length);
    expect(hospitals.some((hospital) => hospital.aliases)).toBe(true);
    expect(new Set(hospitals.map((hospital) => hospital.province))).toEqual(new Set(['110000', '310000', '440000', '510000', '330000']));
  });

  it('gives every hospital two to five different departments', () => {
    const departments = new Map<string, string[]>();
    for (const department of of('department')) {
      const hospital = refKey(department.hospital);
      departments.set(hospital, [...(departments.get(hospital) ?? []), String(department.name)]);
    }
    expect(departments.size).toBe(300);
    for (const names of departments.values()) {
      expect(names.length).toBeGreaterThanOrEqual(2);
      expect(names.length).toBeLessThanOrEqual(5);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('gives dealers valid credit codes and level-2 dealers a platform parent in their province', () => {
    const dealers = of('dealer');
    for (const dealer of dealers) {
      expect(isValidCreditCode(String(dealer.credit_code)), String(dealer.credit_code)).toBe(true);
      expect(provinceOf(String(dealer.credit_code).slice(2, 8))).toBe(dealer.region);
      if (dealer.tier === 'level_2') {
        const parent = byKey.get(refKey(dealer.parent))!;
        expect(parent.values).toMatchObject({ tier: 'platform', region: dealer.region });
      }
    }
    expect(new Set(dealers.map((dealer) => dealer.name)).size).toBe(dealers.length);
    expect(new Set(dealers.map((dealer) => dealer.credit_code)).size).toBe(dealers.length);
    expect(dealers.filter((dealer) => dealer.status === 'active').length).toBeGreaterThan(40);
  });

  it('gives every dealer one to three contacts, the first primary, and platform dealers credit', () => {
    for (const dealer of rows.filter((row) => row.object === 'dealer')) {
      const contacts = of('dealer_contact').filter((contact) => refKey(contact.dealer) === dealer.key);
      expect(contacts.length).toBeGreaterThanOrEqual(1);
      expect(contacts.length).toBeLessThanOrEqual(3);
      expect(contacts.map((contact) => contact.is_primary)).toEqual(contacts.map((_, i) => i === 0));
      for (const contact of contacts) expect(contact.phone).toMatch(/^1[358]\d{9}$/);
      const credits = of('dealer_credit').filter((credit) => refKey(credit.dealer) === dealer.key);
      expect(credits.length > 0).toBe(dealer.values.tier === 'platform');
      for (const credit of credits) expect(credit.credit_limit).toMatch(/^\d+\.\d{2}$/);
    }
  });

  it('gives every dealer a business licence and an operation licence or a class II filing', () => {
    const qualifications = of('qualification');
    for (const dealer of of('dealer')) {
      const held = qualifications.filter((q) => byKey.get(refKey(q.dealer))!.values === dealer);
      expect(held.map((q) => q.type)).toEqual(['business_licence', expect.stringMatching(/^(operation_licence|class2_filing)$/)]);
      expect(held[0].number).toBe(dealer.credit_code);
      for (const q of held) expect(daysFromToday(String(q.valid_from))).toBeLessThanOrEqual(0);
      expect(held[1].scope_classes).toEqual(held[1].type === 'operation_licence' ? ['II', 'III'] : ['II']);
    }
  });

  it('has approved exclusive grants, in force today or approved ahead, held by dealers of the hospital\'s province licensed for the whole year, none overlapping another', () => {
    const grants = of('dealer_authorization');
    expect(grants.length).toBeGreaterThanOrEqual(3);
    const inForce = grants.filter((grant) => daysFromToday(String(grant.valid_from)) < 0);
    expect(inForce.length).toBeGreaterThanOrEqual(3);
    expect(daysFromToday(String(grants[0].valid_from)), 'README\'s "try" grant starts later, so a grant from today can be fixed to end before it').toBeGreaterThan(30);
    for (const grant of grants) {
      expect(grant).toMatchObject({ status: 'approved', exclusive: true, kind: 'annual' });
      expect(daysFromToday(String(grant.valid_to))).toBeGreaterThan(300);
      const dealer = byKey.get(refKey(grant.dealer))!.values;
      expect(byKey.get(refKey(grant.hospital))!.values.province).toBe(dealer.region);
      const licence = of('qualification').find((q) => q.dealer && refKey(q.dealer) === byKey.get(refKey(grant.dealer))!.key && q.type === 'operation_licence');
      expect(String(licence?.valid_to) > String(grant.valid_to)).toBe(true);
      if (grant.department) expect(refKey(byKey.get(refKey(grant.department))!.values.hospital)).toBe(refKey(grant.hospital));
    }
    const portalA = users.find((u) => u.user.username === 'portal.a')!.user;
    expect(grants.some((grant) => refKey(grant.dealer) === refKey(portalA.account)), "portal.a's dealer holds a grant to see in the portal").toBe(true);
    const places = grants.map((grant) => `${refKey(grant.product)} ${refKey(grant.hospital)}`);
    expect(new Set(places).size).toBe(grants.length);
  });

  it('has licences that expire within 7, 30 and 60 days of today', () => {
    const expiries = of('qualification').filter((q) => q.valid_to).map((q) => daysFromToday(String(q.valid_to)));
    expect(expiries.filter((days) => days >= 0 && days <= 7).length).toBeGreaterThan(0);
    expect(expiries.filter((days) => days > 7 && days <= 30).length).toBeGreaterThan(0);
    expect(expiries.filter((days) => days > 30 && days <= 60).length).toBeGreaterThan(0);
  });

  it("has channel.manager's Guangdong platform dealer hold an operation licence that expired yesterday, and no other", () => {
    const lapsed = of('qualification').filter((q) => q.type === 'operation_licence' && daysFromToday(String(q.valid_to)) === -1);
    expect(lapsed).toHaveLength(1);
    expect(byKey.get(refKey(lapsed[0].dealer))!.values).toMatchObject({ tier: 'platform', region: '440000', channel_manager: 'channel.manager' });
  });
});
