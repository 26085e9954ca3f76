/** What a letter is worth today: revocation and replacement are stored; expiry and a start to come follow from the dates. */
import { dateInChina } from '../../../metadata/src/operators/dates.ts';
import type { Label } from '../../../metadata/src/types.ts';

export const STORED_LETTER_STATUSES = ['issued', 'revoked', 'superseded'] as const;
export type StoredLetterStatus = (typeof STORED_LETTER_STATUSES)[number];

export const LETTER_STATUSES = ['valid', 'notYetValid', 'expired', 'revoked', 'superseded'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

export const LETTER_STATUS_LABELS: Record<LetterStatus, Label> = {
  valid: { 'zh-CN': '有效', en: 'Valid' },
  notYetValid: { 'zh-CN': '尚未生效', en: 'Not yet valid' },
  expired: { 'zh-CN': '已过期', en: 'Expired' },
  revoked: { 'zh-CN': '已撤销', en: 'Revoked' },
  superseded: { 'zh-CN': '已被替换', en: 'Superseded' },
};

/** Today's date in China (Asia/Shanghai, UTC+8 all year), as `yyyy-mm-dd`: validity dates are Chinese calendar days, as JsonLogic's `today` is. */
export function todayInChina(now: Date = new Date()): string {
  return dateInChina(now);
}

/** Dates are `yyyy-mm-dd`, so they compare as strings; `validTo` is the last valid day. */
export function letterStatus(
  letter: { status: StoredLetterStatus; validFrom: string; validTo: string | null },
  today: string = todayInChina(),
): LetterStatus {
  if (letter.status !== 'issued') return letter.status;
  if (letter.validTo !== null && letter.validTo < today) return 'expired';
  if (letter.validFrom > today) return 'notYetValid';
  return 'valid';
}
