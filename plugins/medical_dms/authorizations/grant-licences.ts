/**
 * The licence guard of a grant: a dealer whose licences do not cover, today, the product's device class (or a class
 * of the line's active products) gets no new grant, no change of what it grants, and no submission or approval.
 */
import { todayInChina, type BeforeWriteEvent, type FieldError, type Label } from '../../../engine/src/plugin-api.ts';
import { deviceClassesSql } from '../qualifications/licence-cover.sql.ts';
import { findLicenceGaps, licenceGapErrors } from '../qualifications/licence-cover.ts';

const AUTHORIZING: Label = { 'zh-CN': '授权', en: 'be authorized for' };
/** Grants that are or may become rights to sell; a rejected, revoked or expired grant is history. */
const LIVE_STATUSES: ReadonlySet<unknown> = new Set(['draft', 'pending', 'approved']);
const WHAT_IS_GRANTED = ['dealer', 'product', 'product_line'] as const;

type GrantWrite = Pick<BeforeWriteEvent, 'action' | 'values' | 'current'>;

/** A live grant is checked when it is created, when its dealer, product or line changes, and when it is submitted or approved. */
export function needsLicenceCheck({ action, values, current = {} }: GrantWrite): boolean {
  const status = 'status' in values ? values.status : (current.status ?? 'draft');
  if (!LIVE_STATUSES.has(status)) return false;
  if (action === 'create') return true;
  const changed = (field: string) => field in values && values[field] !== current[field];
  return WHAT_IS_GRANTED.some(changed) || (changed('status') && (status === 'pending' || status === 'approved'));
}

export async function licenceErrors(event: BeforeWriteEvent): Promise<FieldError[]> {
  if (!needsLicenceCheck(event)) return [];
  const grant = { ...event.current, ...event.values };
  const granted = typeof grant.product === 'string' ? { product: grant.product }
    : typeof grant.product_line === 'string' ? { productLine: grant.product_line } : null;
  if (!granted || typeof grant.dealer !== 'string') return [];
  const classes = await event.db.rows<{ device_class: string }>(deviceClassesSql(granted));
  const gaps = await findLicenceGaps(event.db, grant.dealer, classes.map((row) => row.device_class), todayInChina());
  return licenceGapErrors(gaps, 'dealer', AUTHORIZING);
}
