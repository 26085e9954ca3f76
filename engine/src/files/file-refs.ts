/**
 * The records engine's one hook into files: a `file` or `image` field holds the id of a `qd_files` row. A write may
 * set it to a file its writer uploaded and has not attached yet, or to one already on the record; the write then
 * attaches the file to (object, record, field), in the write's own transaction, so a failed write attaches nothing.
 */
import type { Knex } from 'knex';
import type { FieldDef } from '../../../metadata/src/types.ts';
import { QudaoError, type FieldError } from '../errors/catalog.ts';
import { attachFiles, findFile, type StoredFile } from './file-store.ts';
import { isImageType } from './sniff-mime.ts';

export interface FileRef {
  field: FieldDef;
  id: string;
}

type Row = Record<string, unknown>;

/** The file and image fields whose value this write changes to a file id. */
export function changedFileRefs(fields: readonly FieldDef[], before: Row | undefined, after: Row): FileRef[] {
  return fields
    .filter((f) => (f.type === 'file' || f.type === 'image') && typeof after[f.name] === 'string' && after[f.name] !== before?.[f.name])
    .map((field) => ({ field, id: after[field.name] as string }));
}

/** Refuses (422 naming each field) file ids the writer may not use, and attaches the others to the record. */
export async function claimFileRefsOrThrow(trx: Knex.Transaction, object: string, recordId: string, refs: FileRef[], actor: string | null): Promise<void> {
  const errors: FieldError[] = [];
  for (const ref of refs) {
    const file = await findFile(trx, ref.id, { forUpdate: true });
    const problem = refusal(ref, file, { object, recordId, actor });
    if (problem) errors.push(problem);
  }
  if (errors.length) throw new QudaoError('RECORD_INVALID', errors);
  for (const ref of refs) await attachFiles(trx, [ref.id], { object, recordId, field: ref.field.name });
}

function refusal(ref: FileRef, file: StoredFile | undefined, to: { object: string; recordId: string; actor: string | null }): FieldError | undefined {
  const label = ref.field.label;
  const own = file && file.recordId === null && to.actor !== null && file.createdBy === to.actor;
  const onRecord = file && file.object === to.object && file.recordId === to.recordId;
  if (!file || !(own || onRecord)) {
    return {
      field: ref.field.name,
      rule: 'file_not_found',
      message: { 'zh-CN': `「${label['zh-CN']}」：没有你可以使用的 id 为 ${ref.id} 的文件`, en: `${label.en}: there is no file with id ${ref.id} that you may use` },
    };
  }
  if (ref.field.type === 'image' && !isImageType(file.mime)) {
    return {
      field: ref.field.name,
      rule: 'file_type',
      message: { 'zh-CN': `「${label['zh-CN']}」须是图片（PNG、JPEG、GIF、WebP 等）`, en: `${label.en} must be an image (PNG, JPEG, GIF, WebP, …)` },
    };
  }
  return undefined;
}
