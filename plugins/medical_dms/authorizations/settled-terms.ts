/**
 * A decided grant keeps the terms it was decided on: once approved (or revoked, or expired) its dealer, product, place,
 * kind, dates and exclusivity are refused a change, by staff and by the dealer in the portal alike; a different grant
 * is a new one, through its own approval. Its status, owner and channel manager still move (workflow, revocation,
 * expiry, a reassignment).
 */
import type { BeforeWriteEvent, FieldError } from '../../../engine/src/plugin-api.ts';

const DECIDED = new Set(['approved', 'revoked', 'expired']);
const TERMS = ['dealer', 'product', 'product_line', 'hospital', 'department', 'region', 'kind', 'tender_number', 'valid_from', 'valid_to', 'exclusive'];

export function settledTermErrors(event: Pick<BeforeWriteEvent, 'action' | 'values' | 'current'>): FieldError[] {
  const status = event.current?.status;
  if (event.action !== 'update' || typeof status !== 'string' || !DECIDED.has(status)) return [];
  return TERMS.filter((field) => Object.hasOwn(event.values, field)).map((field) => ({
    field,
    rule: 'authorization_settled',
    message: {
      'zh-CN': '已决定的授权（已批准、已撤销或已过期）不能修改授权条款；请新建一条授权并提交审批',
      en: 'A decided authorization (approved, revoked or expired) keeps its terms: create a new one and submit it for approval',
    },
  }));
}
