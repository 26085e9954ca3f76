/** The pack's documents pass the deploy checks, and each rule fires on a bad record only. */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDocuments } from '../../metadata/src/check-documents.ts';
import { checkDocumentShape } from '../../metadata/src/check-shape.ts';
import { evaluateLogic, isTruthy, registerOperatorOrThrow } from '../../metadata/src/jsonlogic.ts';
import type { MetadataDoc, ValidationRuleDoc } from '../../metadata/src/types.ts';
import plugin from './hooks.ts';

function load(folder: string): MetadataDoc[] {
  const dir = new URL(`./${folder}/`, import.meta.url);
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
}

const objects = load('objects');
const rules = load('rules') as ValidationRuleDoc[];
const layouts = load('layouts');
const access = load('access');
const workflows = load('workflows');

// What the engine does when it loads the plugin's operators.
beforeAll(() => {
  for (const [name, fn] of Object.entries(plugin.operators ?? {})) registerOperatorOrThrow(name, fn, 'medical_dms');
});

describe('medical_dms documents', () => {
  it('ships the ten objects', () => {
    expect(objects.map((o) => o.name).sort()).toEqual([
      'authorization_exclusion', 'dealer', 'dealer_authorization', 'dealer_contact', 'dealer_credit', 'department', 'hospital', 'product', 'product_line', 'qualification',
    ]);
  });

  it('have the shape of their kind', () => {
    expect([...objects, ...rules, ...layouts, ...access].flatMap((doc) => checkDocumentShape(doc))).toEqual([]);
  });

  it('pass the semantic checks of a deploy', () => {
    expect(checkDocuments([...objects, ...rules, ...workflows, ...layouts, ...access])).toEqual([]);
  });
});

const DEALER = '0190a8c2-0000-7000-8000-000000000001';
const HOSPITAL = '0190a8c2-0000-7000-8000-000000000002';

/** Per rule: a record it accepts and one it refuses. */
const CASES: Record<string, { good: object; bad: object }> = {
  product_gtin_check_digit: { good: { gtin: '06901234567892' }, bad: { gtin: '06901234567896' } },
  dealer_credit_code_check: { good: { credit_code: '91350100M000100Y43' }, bad: { credit_code: '91350100M000100Y44' } },
  qualification_valid_period: {
    good: { valid_from: '2024-01-01', valid_to: '2029-01-01' },
    bad: { valid_from: '2024-01-01', valid_to: '2024-01-01' },
  },
  qualification_class3_operation_licence: {
    good: { type: 'operation_licence', scope_classes: ['II', 'III'] },
    bad: { type: 'business_licence', scope_classes: ['III'] },
  },
  qualification_class2_filing_scope: {
    good: { type: 'class2_filing', scope_classes: ['II'] },
    bad: { type: 'class2_filing', scope_classes: ['II', 'III'] },
  },
  dealer_level2_parent: { good: { tier: 'level_2', parent: DEALER }, bad: { tier: 'level_2', parent: null } },
  dealer_platform_no_parent: { good: { tier: 'platform', parent: null }, bad: { tier: 'platform', parent: DEALER } },
  hospital_province_level: { good: { province: '510000' }, bad: { province: '510100' } },
  hospital_city_level: { good: { city: '510100' }, bad: { city: '510107' } },
  hospital_district_level: { good: { district: '510107' }, bad: { district: '510000' } },
  hospital_city_in_province: { good: { province: '510000', city: '510100' }, bad: { province: '110000', city: '510100' } },
  hospital_district_in_city: { good: { city: '110100', district: '110101' }, bad: { city: '510100', district: '110101' } },
  authorization_product_or_line: { good: { product: DEALER }, bad: { product: DEALER, product_line: DEALER } },
  authorization_hospital_or_region: { good: { region: '510000' }, bad: { hospital: DEALER, region: '510000' } },
  authorization_region_for_line: { good: { product_line: DEALER, region: '510100' }, bad: { product_line: DEALER, region: '510107' } },
  authorization_department_of_hospital: { good: { department: { hospital: HOSPITAL }, hospital: HOSPITAL }, bad: { department: { hospital: DEALER }, hospital: HOSPITAL } },
  authorization_tender_number: { good: { kind: 'tender', tender_number: 'SCZB-2026-001' }, bad: { kind: 'tender', tender_number: '' } },
  authorization_valid_period: { good: { valid_from: '2026-01-01', valid_to: '2026-01-01' }, bad: { valid_from: '2026-01-02', valid_to: '2026-01-01' } },
  dealer_contact_reachable: { good: { name: '王芳', email: 'wang@example.com' }, bad: { name: '王芳', phone: '', email: null } },
};

describe('medical_dms rules', () => {
  const fires = (rule: ValidationRuleDoc, record: object) => isTruthy(evaluateLogic(rule.errorWhen, record));

  it('each have a test case', () => {
    expect(Object.keys(CASES).sort()).toEqual(rules.map((r) => r.name).sort());
  });

  it.each(rules.map((rule) => [rule.name, rule] as const))('%s fires on the bad record only', (name, rule) => {
    expect(fires(rule, CASES[name].good)).toBe(false);
    expect(fires(rule, CASES[name].bad)).toBe(true);
  });

  it.each(rules.map((rule) => [rule.name, rule] as const))('%s lets a blank record pass', (_, rule) => {
    expect(fires(rule, rule.object === 'dealer_contact' ? { phone: '13800138000' } : {})).toBe(false);
  });
});

describe('medical_dms hooks', () => {
  const noDb = { rows: () => Promise.reject(new Error('the hospital hook reads no database')) };
  it('fill name_normalized whenever the name is written', async () => {
    const event = { object: 'hospital', action: 'update' as const, values: { name: '四川大学华西医院' }, actor: null, db: noDb };
    await plugin.beforeWrite!.hospital(event);
    expect(event.values).toHaveProperty('name_normalized', expect.any(String));

    const other = { object: 'hospital', action: 'update' as const, values: { level: '3A' }, actor: null, db: noDb };
    await plugin.beforeWrite!.hospital(other);
    expect(other.values).not.toHaveProperty('name_normalized');
  });

  it('operators take raw values: blank passes the check digits, region_level answers null for unknown codes', () => {
    const { gs1_valid, credit_code_valid, region_level } = plugin.operators!;
    expect([gs1_valid(null), gs1_valid(undefined), credit_code_valid(null), credit_code_valid('')]).toEqual([true, true, true, true]);
    expect([gs1_valid(6901234567892), credit_code_valid('91350100M000100Y44')]).toEqual([false, false]);
    expect([region_level('510000'), region_level('510100'), region_level('510107')]).toEqual(['province', 'city', 'district']);
    expect([region_level('999999'), region_level(null), region_level(510000)]).toEqual([null, null, null]);
  });
});
