/** The letters API (README "Letters and verification") as the web app uses it. */
import { api, withQuery } from '../api/client.ts';
import type { RecordData } from '../api/records.ts';

export type LetterStatus = 'valid' | 'notYetValid' | 'expired' | 'revoked' | 'superseded';

export interface Letter {
  id: string;
  template: string;
  status: LetterStatus;
  validFrom: string;
  validTo: string | null;
  revokedReason: string | null;
  issuedByName: string | null;
  issuedAt: string;
  pdfUrl: string;
}

/** A letter is worth sending, and has a link to give, only while it is in force. */
export const inForce = (letter: Pick<Letter, 'status'>) => letter.status === 'valid' || letter.status === 'notYetValid';

export const lettersKey = (object: string, recordId: string) => ['letters', object, recordId] as const;

export const listLetters = async (object: string, recordId: string) =>
  (await api<{ data: Letter[] }>(withQuery('/api/letters', { object, recordId }))).data;

/** The verification link, opened from its seal on the server; asked for only when a person copies, shows or sends it. */
export const letterLink = async (id: string) => (await api<{ verifyUrl: string }>(`/api/letters/${encodeURIComponent(id)}/link`)).verifyUrl;

/** The validity of a letter: the record's `valid_from` / `valid_to` when it has those date fields, else from today with no end. */
export function validitySource(fields: readonly { name: string; type: string }[]): { validFromField?: string; validToField?: string } {
  const date = (name: string) => fields.some((f) => f.name === name && f.type === 'date');
  return { ...(date('valid_from') ? { validFromField: 'valid_from' } : {}), ...(date('valid_to') ? { validToField: 'valid_to' } : {}) };
}

export interface LetterSpec {
  object: string;
  template: string;
  validFromField?: string;
  validToField?: string;
}

export const issueLetter = (spec: LetterSpec, record: Pick<RecordData, 'id'>) =>
  api<Letter & { verifyUrl: string }>('/api/letters', { method: 'POST', body: { ...spec, recordId: record.id } });

export const issueLetters = (spec: LetterSpec, recordIds: string[], headers: Record<string, string>) =>
  api<{ workId: string; total: number }>('/api/letters/batch', { method: 'POST', body: { ...spec, recordIds }, headers });

/** Internal users issue letters for objects that have letter templates. */
export const canIssueLetters = (ui: { letters: { canIssue: boolean; templates: readonly unknown[] } }) => ui.letters.canIssue && ui.letters.templates.length > 0;
