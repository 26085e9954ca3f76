/** "Who may sell product P to hospital H, department D, on date X": the dealers holding an approved grant that covers it. */
import { badRequest, type FieldError, type PluginDb, type Principal } from '../../../engine/src/plugin-api.ts';
import { grantRowsSql } from './grant-coverage.sql.ts';
import { placeOf, type GrantRow } from './grant-conflicts.ts';

const NO_DEALER = '00000000-0000-0000-0000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface WhoMaySellQuery { product: string; hospital: string; department: string | null; date: string }

export function parseWhoMaySellOrThrow(query: Record<string, string | undefined>): WhoMaySellQuery {
  const errors: FieldError[] = [];
  const id = (field: string, required: boolean): string | null => {
    const value = query[field];
    if ((value === undefined || value === '') && !required) return null;
    if (typeof value === 'string' && UUID.test(value)) return value;
    errors.push({ field, rule: value ? 'uuid' : 'required', message: value
      ? { 'zh-CN': `${field} 须是记录编号（UUID）`, en: `${field} must be a record id (UUID)` }
      : { 'zh-CN': `请提供 ${field}`, en: `${field} is required` } });
    return null;
  };
  const product = id('product', true);
  const hospital = id('hospital', true);
  const department = id('department', false);
  const date = query.date && isRealDate(query.date) ? query.date : undefined;
  if (!date) errors.push({ field: 'date', rule: 'date', message: { 'zh-CN': 'date 须是 YYYY-MM-DD 格式的有效日期', en: 'date must be a real date as YYYY-MM-DD' } });
  if (errors.length) badRequest(errors);
  return { product: product!, hospital: hospital!, department, date: date! };
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Portal users see only their own dealer's grants; internal users see every dealer that may sell. */
export async function whoMaySell(db: PluginDb, query: WhoMaySellQuery, principal: Principal) {
  const rows = await db.rows<GrantRow>(grantRowsSql(
    { product: query.product, hospital: query.hospital, department: query.department, validFrom: query.date, validTo: query.date },
    { statuses: ['approved'], exclusiveOnly: false, ...(principal.kind === 'portal' ? { dealer: principal.accountId ?? NO_DEALER } : {}) },
  ));
  return {
    data: rows.map((row) => ({
      dealer: { id: row.dealer, name: row.dealer_name },
      authorization: row.id,
      product: { id: row.product ?? row.product_line, name: row.product_name ?? row.product_line_name, line: row.product === null },
      place: placeOf(row),
      kind: row.kind,
      tenderNumber: row.tender_number,
      exclusive: row.exclusive,
      validFrom: row.valid_from,
      validTo: row.valid_to,
    })),
  };
}
