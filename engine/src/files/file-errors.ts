/** The errors of uploads and downloads, from the one catalog (errors/catalog.ts). */
import { QudaoError } from '../errors/catalog.ts';

/** A file that doesn't exist and one the caller may not see answer alike: nothing leaks. */
export function fileNotFound(id: string): QudaoError {
  return new QudaoError('FILE_NOT_FOUND', [], { 'zh-CN': `没有 id 为 ${id} 的文件`, en: `there is no file with id ${id}` });
}

export function fileTooLarge(maxMb: number): QudaoError {
  const message = { 'zh-CN': `文件不能超过 ${maxMb} MB`, en: `a file may not exceed ${maxMb} MB` };
  return new QudaoError('FILE_TOO_LARGE', [{ field: 'file', rule: 'max_size', message }], message);
}

export function fileTypeRefused(claimed: string): QudaoError {
  const message = { 'zh-CN': `文件声称是 ${claimed}，但其内容不是`, en: `the file claims to be ${claimed} but its content is not` };
  return new QudaoError('FILE_TYPE_REFUSED', [{ field: 'file', rule: 'type', message }], message);
}

export function noFilePart(): QudaoError {
  return new QudaoError('BAD_REQUEST', [{
    field: 'file',
    rule: 'required',
    message: { 'zh-CN': '请以 multipart/form-data 上传一个名为 file 的文件', en: 'send one file as multipart/form-data, in a part named file' },
  }]);
}

export function noSuchUpload(id: unknown): QudaoError {
  return new QudaoError('RECORD_INVALID', [{
    field: 'fileId',
    rule: 'file_not_found',
    message: { 'zh-CN': `没有你可以使用的 id 为 ${String(id)} 的文件`, en: `there is no file with id ${String(id)} that you may use` },
  }]);
}
