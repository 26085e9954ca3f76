/**
 * The letters routes (letters.routes.ts) in the OpenAPI document. The public check, /verify/{code}, is an HTML page for
 * people, not part of the API.
 */
import { jsonBody, ok, problem, type JsonSchema } from './openapi-schemas.ts';

export const LETTERS_TAG = { name: 'Letters', description: 'Letters with a QR code and their public check (授权书与验证)' };

const id = { type: 'string', format: 'uuid' };
const date = { type: 'string', format: 'date' };
const text = { type: 'object', properties: { title: { type: 'string' }, body: { type: 'string' } } };

const letter = {
  type: 'object',
  required: ['id', 'object', 'recordId', 'template', 'status', 'validFrom', 'issuedAt', 'pdfUrl'],
  properties: {
    id, object: { type: 'string' }, recordId: id, recordTitle: { type: 'string' }, template: { type: 'string' },
    batchId: { type: ['string', 'null'] },
    content: { type: 'object', description: 'The words as issued, per locale', properties: { 'zh-CN': text, en: text } },
    validFrom: date, validTo: { type: ['string', 'null'], format: 'date' },
    status: { type: 'string', enum: ['valid', 'notYetValid', 'expired', 'revoked', 'superseded'] },
    revokedReason: { type: ['string', 'null'] }, revokedAt: { type: ['string', 'null'], format: 'date-time' },
    supersededBy: { type: ['string', 'null'] }, supersededAt: { type: ['string', 'null'], format: 'date-time' },
    issuedBy: { type: 'string' }, issuedByName: { type: ['string', 'null'] }, issuedAt: { type: 'string', format: 'date-time' }, pdfUrl: { type: 'string' },
  },
};

const issue = {
  type: 'object',
  required: ['object', 'template'],
  properties: {
    object: { type: 'string' }, template: { type: 'string' },
    validFrom: date, validFromField: { type: 'string' }, validTo: date, validToField: { type: 'string' },
  },
};

const letterId = { name: 'id', in: 'path', required: true, schema: id };
const pdf = { description: 'The PDF as issued (application/pdf)' };

export function letterPaths(): Record<string, JsonSchema> {
  const tags = [LETTERS_TAG.name];
  return {
    '/api/letters': {
      post: {
        operationId: 'issueLetter', summary: 'Issue a letter for a record you can read (internal users)', tags,
        requestBody: jsonBody({ ...issue, required: [...issue.required, 'recordId'], properties: { ...issue.properties, recordId: id } }),
        responses: {
          '201': ok('The letter; verifyUrl is told this once', { ...letter, properties: { ...letter.properties, verifyUrl: { type: 'string' } } }),
          '404': problem('No such record, or not readable'),
          '422': problem('A field of the request is not valid'),
        },
      },
      get: {
        operationId: 'listLetters', summary: "A record's letters, newest first", tags,
        parameters: [
          { name: 'object', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'recordId', in: 'query', required: true, schema: id },
        ],
        responses: { '200': ok('The letters', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: letter } } }), '404': problem('No such record, or not readable') },
      },
    },
    '/api/letters/batch': {
      post: {
        operationId: 'issueLetters', summary: 'Issue letters for many records as a job; its progress at /api/work/{id} (internal users)', tags,
        requestBody: jsonBody({ ...issue, required: [...issue.required, 'recordIds'], properties: { ...issue.properties, recordIds: { type: 'array', items: id, maxItems: 1000 } } }),
        responses: {
          '202': ok('The work started', { type: 'object', required: ['workId', 'total'], properties: { workId: { type: 'string' }, total: { type: 'integer' } } }),
          '422': problem('A field of the request is not valid'),
        },
      },
    },
    '/api/letters/{id}': {
      parameters: [letterId],
      get: { operationId: 'getLetter', summary: 'One letter', tags, responses: { '200': ok('The letter', letter), '404': problem('No such letter, or its record is not readable') } },
    },
    '/api/letters/{id}/pdf': {
      parameters: [letterId],
      get: { operationId: 'getLetterPdf', summary: "A letter's PDF as issued", tags, responses: { '200': pdf, '404': problem('No such letter, or its record is not readable') } },
    },
    '/api/letters/{id}/link': {
      parameters: [letterId],
      get: {
        operationId: 'getLetterLink', summary: "A letter's verification link again, for anyone who may read its record", tags,
        responses: {
          '200': ok('The link the QR code holds', { type: 'object', required: ['verifyUrl'], properties: { verifyUrl: { type: 'string' } } }),
          '404': problem('No such letter, or its record is not readable'),
          '409': problem('The letter is not in force (revoked, superseded, expired), or its code was not kept'),
        },
      },
    },
    '/api/letters/{id}/revoke': {
      parameters: [letterId],
      post: {
        operationId: 'revokeLetter', summary: 'Revoke a letter (internal users)', tags,
        requestBody: jsonBody({ type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } }),
        responses: { '200': ok('The revoked letter', letter), '404': problem('No such letter'), '422': problem('No reason given') },
      },
    },
  };
}
