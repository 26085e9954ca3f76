import { createHash } from 'node:crypto';

export const DATA_SCHEMA = 'data';
const MAX_IDENTIFIER = 63;

/** PostgreSQL truncates identifiers at 63 bytes; keep long generated names unique with a short hash. */
function fit(name: string): string {
  if (name.length <= MAX_IDENTIFIER) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_IDENTIFIER - 9)}_${hash}`;
}

export const tableName = (object: string) => `${DATA_SCHEMA}.${object}`;
export const indexName = (object: string, fields: readonly string[], unique = false) =>
  fit(`${object}__${fields.join('__')}__${unique ? 'uniq' : 'idx'}`);
export const foreignKeyName = (object: string, field: string) => fit(`${object}__${field}__fk`);
export const sequenceName = (object: string, field: string) => fit(`${object}__${field}__seq`);
