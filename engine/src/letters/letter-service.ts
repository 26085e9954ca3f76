/**
 * Issuing and revoking letters. Issuing renders the template for the record as the caller reads it (a record out of
 * their reach is a 404, like the records API), draws the PDF, and stores both with the hash of a fresh code; the
 * letter in force for the same record and template, if any, is superseded in the same transaction.
 */
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { TemplateDoc } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { RecordService } from '../records/record-service.ts';
import type { Registry } from '../registry.ts';
import type { AccessContext } from '../security/principal.ts';
import { openLetterCode, sealLetterCode, type LetterCodeKey } from './letter-code-seal.ts';
import { hashLetterCode, newLetterCode, verifyUrl } from './letter-codes.ts';
import { recordTitle, renderLetterContent } from './letter-content.ts';
import { renderLetterPdf } from './letter-pdf.ts';
import type { IssueRequest } from './letter-request.ts';
import * as store from './letter-store.ts';
import { validityOrThrow } from './letter-validity.ts';

export interface LetterDeps {
  knex: Knex;
  registry: Registry;
  records: RecordService;
  /** Seals each new letter's code, so readers of the record can get its link again (`letterLinkOrThrow`). */
  codeKey: LetterCodeKey;
}

export interface IssueOptions {
  /** The public base of verify addresses. */
  baseUrl: URL;
  /** Issued by this batch: issuing the same record and template again in it answers the letter it made. */
  batchId?: string;
}

export interface IssuedLetter {
  letter: store.Letter;
  /** Only when this call made the letter: the code is not stored, so it can't be told again. */
  verifyUrl: string | null;
}

export async function issueLetter(deps: LetterDeps, request: IssueRequest, ctx: AccessContext, options: IssueOptions): Promise<IssuedLetter> {
  const template = templateOrThrow(deps.registry, request);
  const object = deps.registry.objectOrThrow(request.object).doc;
  const record = await deps.records.get(request.object, request.recordId, { expand: readableLookups(deps, request.object, ctx) }, ctx);
  const validity = validityOrThrow(request, object, record);
  const key = { object: request.object, recordId: request.recordId, template: request.template };
  const batchKey = options.batchId ? { ...key, batchId: options.batchId } : undefined;
  const made = batchKey && (await store.findBatchLetter(deps.knex, batchKey));
  if (made) return { letter: made, verifyUrl: null };

  const id = uuidv7();
  const code = newLetterCode();
  const url = verifyUrl(options.baseUrl, code);
  const sealedCode = sealLetterCode(await deps.codeKey(), id, code);
  const content = renderLetterContent(template, record, options.baseUrl);
  const issuedAt = new Date();
  const title = recordTitle(object, record);
  const pdf = await renderLetterPdf({ text: content['zh-CN'], recordTitle: title, ...validity, issuedAt, verifyUrl: url });
  const existing = await deps.knex.transaction(async (trx) => {
    await store.lockRecordTemplate(trx, key);
    const again = batchKey && (await store.findBatchLetter(trx, batchKey));
    if (again) return again;
    const current = await store.currentLetterId(trx, key);
    if (current) await store.markSuperseded(trx, current, id);
    await store.insertLetter(trx, {
      id, object: key.object, record_id: key.recordId, template: key.template, record_title: title, batch_id: options.batchId ?? null,
      code_hash: hashLetterCode(code), code_sealed: sealedCode, content, valid_from: validity.validFrom, valid_to: validity.validTo,
      issued_by: ctx.principal.userId, issued_at: issuedAt, pdf,
    });
    return undefined;
  });
  if (existing) return { letter: existing, verifyUrl: null };
  return { letter: (await store.findLetter(deps.knex, { id }))!, verifyUrl: url };
}

/** The letters of a record the caller can read, newest first. */
export async function lettersOf(deps: LetterDeps, key: { object: string; recordId: string }, ctx: AccessContext): Promise<store.Letter[]> {
  await deps.records.get(key.object, key.recordId, {}, ctx);
  return store.listLetters(deps.knex, key);
}

/** A letter whose record the caller can read; else LETTER_NOT_FOUND, as for a letter that does not exist. */
export async function readableLetterOrThrow(deps: LetterDeps, id: string, ctx: AccessContext): Promise<store.Letter> {
  const letter = await store.findLetter(deps.knex, { id });
  if (!letter || !(await canRead(deps, letter, ctx))) throw letterNotFound(id);
  return letter;
}

/**
 * The verification link of a letter in force, for anyone who may read its record: the code is opened from its seal.
 * A letter revoked, replaced or expired has no link to hand out; one issued before codes were sealed, or sealed with
 * a secret since changed, has none to give (issuing it again makes a new one).
 */
export async function letterLinkOrThrow(deps: LetterDeps, id: string, ctx: AccessContext, baseUrl: URL): Promise<string> {
  const letter = await readableLetterOrThrow(deps, id, ctx);
  if (letter.status !== 'valid' && letter.status !== 'notYetValid') {
    throw linkUnavailable(letter.id, 'in_force', { 'zh-CN': '授权书已失效（已撤销、已被替换或已过期），不再提供验证链接', en: 'The letter is no longer in force (revoked, superseded or expired): it has no verification link to hand out' });
  }
  const sealed = await store.sealedCode(deps.knex, letter.id);
  const code = sealed && openLetterCode(await deps.codeKey(), letter.id, sealed);
  if (!code) {
    throw linkUnavailable(letter.id, 'code_kept', { 'zh-CN': '这份授权书的验证码未留存，请重新生成授权书以获得新的验证链接', en: "This letter's code was not kept: issue the letter again for a new verification link" });
  }
  return verifyUrl(baseUrl, code);
}

export async function revokeLetterOrThrow(deps: LetterDeps, id: string, reason: string, ctx: AccessContext): Promise<store.Letter> {
  const letter = await readableLetterOrThrow(deps, id, ctx);
  if (letter.status === 'revoked') return letter;
  await store.revokeLetters(deps.knex, { id }, { reason, by: ctx.principal.userId });
  return (await store.findLetter(deps.knex, { id }))!;
}

/**
 * Revokes every letter of a record at once (an authorization withdrawn): for engine code and plugins, which have
 * decided already; no reach check. Answers the ids revoked; a second call revokes nothing more.
 */
export function revokeLettersOfRecord(
  knex: Knex | Knex.Transaction,
  record: { object: string; recordId: string },
  revocation: { reason: string; by: string | null },
): Promise<string[]> {
  return store.revokeLetters(knex, record, revocation);
}

const linkUnavailable = (id: string, rule: 'in_force' | 'code_kept', detail: { 'zh-CN': string; en: string }) =>
  new QudaoError('LETTER_LINK_UNAVAILABLE', [{ field: 'id', rule, message: detail }], { 'zh-CN': `授权书 ${id} 没有可提供的验证链接`, en: `Letter ${id} has no verification link to give` });

export const letterNotFound = (id: string) =>
  new QudaoError('LETTER_NOT_FOUND', [], { 'zh-CN': `没有授权书 ${id}`, en: `No letter ${id}` });

async function canRead(deps: LetterDeps, letter: store.Letter, ctx: AccessContext): Promise<boolean> {
  try {
    await deps.records.get(letter.object, letter.recordId, {}, ctx);
    return true;
  } catch (error) {
    if (error instanceof QudaoError && error.status === 404) return false;
    throw error;
  }
}

/** Lookups the caller may read, expanded for the template: `{{dealer.name}}`, `{{hospital.name}}`. */
function readableLookups(deps: LetterDeps, objectName: string, ctx: AccessContext): string[] {
  const object = deps.registry.objectOrThrow(objectName);
  const scope = deps.records.scope(ctx);
  return object.fieldList
    .filter((f) => (f.type === 'lookup' || f.type === 'master_detail') && scope.canRead(object, f.name))
    .map((f) => f.name);
}

function templateOrThrow(registry: Registry, request: IssueRequest): TemplateDoc {
  const template = registry.documents('template').find((d) => d.name === request.template) as TemplateDoc | undefined;
  if (!template) {
    throw new QudaoError('LETTER_INVALID', [{ field: 'template', rule: 'reference', message: { 'zh-CN': `没有名为 ${request.template} 的模板`, en: `There is no template named ${request.template}` } }]);
  }
  if (template.object && template.object !== request.object) {
    throw new QudaoError('LETTER_INVALID', [{
      field: 'template', rule: 'object',
      message: { 'zh-CN': `模板 ${template.name} 用于 ${template.object}，不能用于 ${request.object}`, en: `The template ${template.name} is for ${template.object}, not ${request.object}` },
    }]);
  }
  return template;
}
