/** Small builders shared by the checks. */
import type { MetadataDoc, Problem } from './types.ts';

export function problem(path: string, code: string, zh: string, en: string): Problem {
  return { path, code, message: { 'zh-CN': zh, en } };
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function inDocument(problems: Problem[], doc: Pick<MetadataDoc, 'kind' | 'name'>): Problem[] {
  return problems.map((p) => ({ ...p, document: { kind: doc.kind, name: doc.name } }));
}

export function unknownObject(name: string, path = '/object'): Problem {
  return problem(path, 'unknown_object', `未知对象 ${name}`, `unknown object ${name}`);
}

export function unknownField(path: string, name: string, object: string): Problem {
  return problem(path, 'unknown_field', `对象 ${object} 没有字段 ${name}（或已移除）`, `object ${object} has no field ${name} (or it was removed)`);
}
