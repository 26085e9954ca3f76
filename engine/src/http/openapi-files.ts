/** The files routes (files.routes.ts) in the OpenAPI document: uploads and downloads, and each object's attachments. */
import { ok, problem, typeName, type JsonSchema } from './openapi-schemas.ts';

export const FILES_TAG = { name: 'Files', description: 'Uploads and downloads (文件)' };

const uploaded = {
  type: 'object',
  required: ['id', 'name', 'mime', 'size', 'sha256'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    mime: { type: 'string', description: 'Sniffed from the bytes for images and PDF' },
    size: { type: 'integer' },
    sha256: { type: 'string' },
  },
};

const attachment = {
  type: 'object',
  required: ['id', 'name', 'mime', 'size', 'createdAt', 'createdBy'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    mime: { type: 'string' },
    size: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: 'string', format: 'uuid' },
  },
};

const filePart = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The one file, at most QUDAO_MAX_FILE_MB' } },
};

const multipart = { required: true, content: { 'multipart/form-data': { schema: filePart } } };

export function filePaths(): Record<string, JsonSchema> {
  return {
    '/api/files': {
      post: {
        operationId: 'uploadFile', summary: 'Upload a file, unattached until a record write or an attachment takes it', tags: ['Files'],
        requestBody: multipart,
        responses: {
          '201': ok('The stored file; its id is what a file or image field takes', uploaded),
          '400': problem('No part named file'),
          '413': problem('Larger than QUDAO_MAX_FILE_MB'),
          '415': problem('It claims to be an image or a PDF and its bytes are not'),
        },
      },
    },
    '/api/files/{fileId}': {
      parameters: [{ $ref: '#/components/parameters/fileId' }],
      get: {
        operationId: 'downloadFile', summary: 'Download a file: its uploader\'s while unattached, then for whoever may read its record', tags: ['Files'],
        parameters: [{ name: 'inline', in: 'query', description: 'Show an image or a PDF in place', schema: { type: 'boolean', default: false } }],
        responses: {
          '200': { description: 'The bytes, with their Content-Type, Content-Disposition, ETag (sha256) and nosniff' },
          '304': { description: 'Unchanged (If-None-Match)' },
          '404': problem('No such file, or not yours to see'),
        },
      },
    },
  };
}

/** An object's attachments, under its own tag. */
export function attachmentPaths(objectName: string, label: string): Record<string, JsonSchema> {
  const name = typeName(objectName);
  const base = `/api/records/${objectName}/{id}/attachments`;
  const op = (verb: string, summary: string, rest: JsonSchema) => ({ operationId: `${verb}${name}`, summary, tags: [objectName], ...rest });
  const notFound = problem(`No ${label} with this id`);
  const locked = problem('The record is pending approval');
  return {
    [base]: {
      parameters: [{ $ref: '#/components/parameters/id' }],
      get: op('listAttachments', `The attachments of a ${label}`, {
        responses: { '200': ok('The attachments, oldest first', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: attachment } } }), '404': notFound },
      }),
      post: op('attach', `Attach a file to a ${label}: upload it, or name an upload of yours`, {
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': { schema: filePart },
            'application/json': { schema: { type: 'object', required: ['fileId'], properties: { fileId: { type: 'string', format: 'uuid' } } } },
          },
        },
        responses: { '201': ok('The attachment', attachment), '404': notFound, '409': locked, '413': problem('Larger than QUDAO_MAX_FILE_MB'), '422': problem('Not an upload of yours') },
      }),
    },
    [`${base}/{fileId}`]: {
      parameters: [{ $ref: '#/components/parameters/id' }, { $ref: '#/components/parameters/fileId' }],
      delete: op('detach', `Remove an attachment of a ${label}`, { responses: { '204': { description: 'Removed' }, '404': notFound, '409': locked } }),
    },
  };
}
