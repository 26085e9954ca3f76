/** Metadata names: the pattern and the words a name may not be. */
import { problem } from './problem.ts';
import { SYSTEM_FIELDS, type Label, type Problem } from './types.ts';

export const NAME_PATTERN = /^[a-z][a-z0-9_]{0,47}$/;

const SQL_RESERVED = [
  'all', 'alter', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'authorization',
  'between', 'binary', 'both', 'case', 'cast', 'check', 'collate', 'column', 'constraint', 'create', 'cross',
  'current_date', 'current_role', 'current_time', 'current_timestamp', 'current_user', 'default', 'deferrable',
  'delete', 'desc', 'distinct', 'do', 'drop', 'else', 'end', 'except', 'exists', 'false', 'fetch', 'for',
  'foreign', 'from', 'full', 'grant', 'group', 'having', 'ilike', 'in', 'index', 'initially', 'inner', 'insert',
  'intersect', 'into', 'is', 'join', 'lateral', 'leading', 'left', 'like', 'limit', 'localtime',
  'localtimestamp', 'natural', 'not', 'null', 'offset', 'on', 'only', 'or', 'order', 'outer', 'overlaps',
  'placing', 'primary', 'references', 'returning', 'right', 'select', 'session_user', 'similar', 'some',
  'symmetric', 'table', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'update', 'user', 'using',
  'values', 'variadic', 'verbose', 'when', 'where', 'window', 'with',
];

const JS_PROTOTYPE_NAMES = ['constructor', 'prototype', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

export const RESERVED_WORDS: ReadonlySet<string> = new Set([...SQL_RESERVED, ...SYSTEM_FIELDS, ...JS_PROTOTYPE_NAMES]);

export function isSystemField(name: string): boolean {
  return (SYSTEM_FIELDS as readonly string[]).includes(name);
}

/** Problems of a metadata name at `path`: the pattern first, then the reserved words. */
export function checkName(name: string, path: string): Problem[] {
  if (!NAME_PATTERN.test(name)) {
    return [{
      path, code: 'bad_name',
      message: {
        'zh-CN': `名称 "${name}" 须以小写字母开头，只含小写字母、数字和下划线，最长 48 个字符`,
        en: `name "${name}" must start with a lowercase letter and contain only a-z, 0-9 and _, at most 48 characters`,
      },
    }];
  }
  if (RESERVED_WORDS.has(name)) {
    return [{
      path, code: 'reserved_name',
      message: { 'zh-CN': `名称 "${name}" 是保留字`, en: `name "${name}" is a reserved word` },
    }];
  }
  return [];
}

/** Problems of items of a document (`what`: field, section, list view) that reuse an earlier item's name. */
export function checkDuplicateNames(items: readonly { name: string }[], path: string, code: string, what: Label): Problem[] {
  const seen = new Set<string>();
  return items.flatMap((item, i) => {
    if (!seen.has(item.name)) { seen.add(item.name); return []; }
    return [problem(`${path}/${i}/name`, code, `${what['zh-CN']}名 ${item.name} 重复`, `${what.en} name ${item.name} is repeated`)];
  });
}
