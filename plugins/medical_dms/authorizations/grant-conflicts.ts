/** The conflict check of a grant: the other exclusive grants, approved or pending, that cover the same sale at the same time. */
import type { Label, PluginDb, RecordData } from '../../../engine/src/plugin-api.ts';
import { regionName } from '../lib/regions.ts';
import { grantRowsSql, type Coverage } from './grant-coverage.sql.ts';

export interface GrantRow {
  id: string;
  dealer: string;
  dealer_name: string;
  product: string | null;
  product_name: string | null;
  product_line: string | null;
  product_line_name: string | null;
  hospital: string | null;
  hospital_name: string | null;
  department: string | null;
  department_name: string | null;
  region: string | null;
  kind: string;
  tender_number: string | null;
  valid_from: string;
  valid_to: string;
  exclusive: boolean;
  status: string;
}

export interface Conflict {
  id: string;
  dealer: { id: string; name: string };
  product: { id: string; name: string | null; line: boolean };
  place: Label;
  validFrom: string;
  validTo: string;
  status: string;
  why: Label;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export function coverageOf(record: RecordData): Coverage {
  return {
    product: text(record.product), productLine: text(record.product_line), hospital: text(record.hospital),
    department: text(record.department), region: text(record.region),
    validFrom: String(record.valid_from), validTo: String(record.valid_to),
  };
}

export async function findConflicts(db: PluginDb, record: RecordData): Promise<Conflict[]> {
  const coverage = coverageOf(record);
  const rows = await db.rows<GrantRow>(grantRowsSql(coverage, { statuses: ['approved', 'pending'], exclusiveOnly: true, ...(typeof record.id === 'string' ? { exceptId: record.id } : {}) }));
  return rows.map((row) => describeConflict(row, coverage));
}

export function placeOf(row: Pick<GrantRow, 'hospital_name' | 'department_name' | 'region'>): Label {
  if (row.hospital_name) {
    return row.department_name
      ? { 'zh-CN': `${row.hospital_name} ${row.department_name}`, en: `${row.hospital_name}, ${row.department_name}` }
      : { 'zh-CN': `${row.hospital_name}（全院）`, en: `${row.hospital_name} (whole hospital)` };
  }
  const name = regionName(row.region ?? '') ?? row.region ?? '';
  return { 'zh-CN': `${name}（区域）`, en: `${name} (region)` };
}

function describeConflict(row: GrantRow, coverage: Coverage): Conflict {
  const sameProduct = coverage.product !== null && row.product === coverage.product;
  const productWhy: Label = sameProduct
    ? { 'zh-CN': '同一产品', en: 'the same product' }
    : row.product_line ? { 'zh-CN': '该产品所属的产品线', en: "the product's line" } : { 'zh-CN': '该产品线下的产品', en: 'a product of the line' };
  const placeWhy: Label = coverage.hospital && row.hospital === coverage.hospital
    ? { 'zh-CN': '同一医院及科室', en: 'the same hospital and department' }
    : row.region && coverage.hospital
      ? { 'zh-CN': '区域包含该医院且未排除', en: 'a region containing the hospital, not excluded' }
      : row.region ? { 'zh-CN': '区域重叠', en: 'overlapping regions' } : { 'zh-CN': '医院在本区域内且未排除', en: 'a hospital inside this region, not excluded' };
  const place = placeOf(row);
  return {
    id: row.id,
    dealer: { id: row.dealer, name: row.dealer_name },
    product: { id: row.product ?? row.product_line ?? '', name: row.product_name ?? row.product_line_name, line: row.product === null },
    place,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    status: row.status,
    why: {
      'zh-CN': `独家授权：${productWhy['zh-CN']}，${placeWhy['zh-CN']}，有效期 ${row.valid_from} 至 ${row.valid_to} 与本授权重叠`,
      en: `exclusive grant: ${productWhy.en}, ${placeWhy.en}, valid ${row.valid_from} to ${row.valid_to}, overlapping this one`,
    },
  };
}

/** The 422 message of an approval refused for conflicts: each conflicting grant by dealer, place and dates. */
export function conflictMessage(conflicts: readonly Conflict[]): Label {
  const list = (lang: 'zh-CN' | 'en') => conflicts.map((c) => `${c.dealer.name} · ${c.place[lang]} · ${c.validFrom}–${c.validTo}`).join('; ');
  return {
    'zh-CN': `与 ${conflicts.length} 项独家授权冲突，不能批准：${list('zh-CN')}`,
    en: `Conflicts with ${conflicts.length} exclusive grant(s), so it cannot be approved: ${list('en')}`,
  };
}
