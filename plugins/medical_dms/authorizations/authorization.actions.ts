/** The actions on a dealer authorization's page: check its conflicts before approval, and revoke it with its letters. */
import type { ActionDefinition, ActionAnswer, Label } from '../../../engine/src/plugin-api.ts';
import { findConflicts, type Conflict } from './grant-conflicts.ts';

const STATUS: Record<string, Label> = {
  approved: { 'zh-CN': '已批准', en: 'approved' },
  pending: { 'zh-CN': '审批中', en: 'pending' },
};

/**
 * Every other exclusive grant, approved or pending, that covers the same sale at the same time (README "Dealer
 * authorizations"). Internal users only: it names other dealers' grants, which a dealer's portal users may not see.
 */
export const checkConflicts: ActionDefinition = {
  label: { 'zh-CN': '检查冲突', en: 'Check conflicts' },
  internalOnly: true,
  run: async ({ db, record }): Promise<ActionAnswer> => {
    const conflicts = await findConflicts(db, record);
    const message: Label = conflicts.length
      ? { 'zh-CN': `与 ${conflicts.length} 项独家授权冲突`, en: `${conflicts.length} conflicting exclusive grant${conflicts.length === 1 ? '' : 's'}` }
      : { 'zh-CN': '没有冲突', en: 'No conflicts' };
    return { message, items: conflicts.map(conflictItem), data: conflicts };
  },
};

function conflictItem(conflict: Conflict): NonNullable<ActionAnswer['items']>[number] {
  const status = STATUS[conflict.status] ?? { 'zh-CN': conflict.status, en: conflict.status };
  const product = conflict.product.name ?? '';
  return {
    title: { 'zh-CN': `${conflict.dealer.name} · ${product}`, en: `${conflict.dealer.name} · ${product}` },
    description: {
      'zh-CN': `${conflict.place['zh-CN']} · ${conflict.validFrom} 至 ${conflict.validTo} · ${status['zh-CN']} · ${conflict.why['zh-CN']}`,
      en: `${conflict.place.en} · ${conflict.validFrom} to ${conflict.validTo} · ${status.en} · ${conflict.why.en}`,
    },
  };
}

/**
 * Withdraws an approved grant: its status becomes revoked and every letter of it is revoked with the reason, in one
 * transaction (both or neither). Internal users who may update the grant may revoke it; a dealer's portal users never.
 */
export const revokeGrant: ActionDefinition = {
  label: { 'zh-CN': '撤销授权', en: 'Revoke' },
  requires: 'update',
  internalOnly: true,
  when: { '==': [{ var: 'status' }, 'approved'] },
  confirm: {
    'zh-CN': '撤销后，该授权及其全部授权书立即失效，扫码验证将显示“已撤销”。确定撤销吗？',
    en: 'Revoking ends this authorization and every letter of it at once; their verification will say "revoked". Revoke it?',
  },
  input: [{
    name: 'reason', type: 'long_text', required: true, maxLength: 500,
    label: { 'zh-CN': '撤销原因', en: 'Reason' },
    description: { 'zh-CN': '写入每份授权书，验证页可见', en: 'Kept with every letter and shown on its verification page' },
  }],
  run: async ({ object, record, input, systemRecords, letters }): Promise<ActionAnswer> => {
    const { reason } = input as { reason: string };
    const id = String(record.id);
    await systemRecords.update(object, id, { status: 'revoked' });
    const revoked = await letters.revokeAll(object, id, reason);
    return {
      message: { 'zh-CN': `已撤销授权，${revoked.length} 份授权书同时作废`, en: `Revoked, with ${revoked.length} letter${revoked.length === 1 ? '' : 's'}` },
      data: { letters: revoked },
    };
  },
};
