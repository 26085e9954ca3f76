/**
 * Read-only SQL a plugin writes for the reads a JsonLogic filter can't say (joins, NOT EXISTS, date ranges): a
 * tagged template where a table or a column is only ever a `table()` part, resolved through the metadata registry
 * (the plugin's own objects only), and every other interpolated value is a bound parameter.
 *
 *   const a = table('authorization', 'a');
 *   db.rows(sql`SELECT ${a.col('id')} FROM ${a} WHERE ${a.col('product')} = ${productId}`);
 */
const ALIAS = /^[a-z][a-z0-9_]{0,30}$/;

/**
 * The parts this module made. A part is recognised by identity, never by its shape: a value from a request that looks
 * like `{ kind: 'sql', text: [...] }` is still only a bound parameter.
 */
const made = new WeakSet<object>();

function mark<Part extends object>(part: Part): Part {
  made.add(part);
  return part;
}

export interface SqlTable {
  readonly kind: 'table';
  readonly object: string;
  readonly alias: string;
  /** A column of this table by field name (system fields too: `id`, `deleted_at`, `owner_id`...). */
  col(field: string): SqlColumn;
}

export interface SqlColumn {
  readonly kind: 'column';
  readonly table: SqlTable;
  readonly field: string;
}

export interface SqlQuery {
  readonly kind: 'sql';
  readonly text: readonly string[];
  readonly parts: readonly unknown[];
}

/** Reads rows with plugin-written SQL, in a read-only transaction (or savepoint): a write is refused by PostgreSQL. */
export interface PluginDb {
  rows<Row = Record<string, unknown>>(query: SqlQuery): Promise<Row[]>;
}

export function table(object: string, alias: string): SqlTable {
  if (!ALIAS.test(alias)) throw new Error(`SQL alias ${JSON.stringify(alias)} must match ${ALIAS.source}`);
  const self: SqlTable = mark({ kind: 'table', object, alias, col: (field: string) => mark({ kind: 'column' as const, table: self, field }) });
  return self;
}

export function sql(strings: TemplateStringsArray, ...parts: unknown[]): SqlQuery {
  for (const text of strings) {
    // `?` is knex's placeholder and `;` would start a second statement: plugin SQL has neither.
    if (/[?;]/.test(text)) throw new Error(`plugin SQL may not contain "?" or ";": ${text}`);
  }
  return mark({ kind: 'sql', text: [...strings], parts });
}

/** Fragments joined by a keyword (`AND`, `OR`, `,`): an empty list is `TRUE`-less, so callers pass at least one. */
export function joinSql(fragments: readonly SqlQuery[], separator: 'AND' | 'OR' | ','): SqlQuery {
  if (fragments.length === 0) throw new Error('joinSql needs at least one fragment');
  const text = ['', ...fragments.slice(1).map(() => ` ${separator} `), ''];
  return mark({ kind: 'sql', text, parts: fragments });
}

const isPart = (value: unknown, kind: string): boolean =>
  typeof value === 'object' && value !== null && made.has(value) && (value as { kind?: unknown }).kind === kind;

export interface IdentifierResolver {
  /** The quoted-through-knex identifier of an object's table, or a thrown error when the plugin may not read it. */
  table(object: string): string;
  /** Whether the object has this field (or system column). */
  hasField(object: string, field: string): boolean;
}

/** The query as `knex.raw` text (`??` identifiers, `?` values) and its bindings. */
export function compileSql(query: SqlQuery, resolve: IdentifierResolver): { sql: string; bindings: unknown[] } {
  if (!made.has(query)) throw new Error('plugin SQL must be written with the sql`` tag');
  let text = query.text[0];
  const bindings: unknown[] = [];
  query.parts.forEach((part, i) => {
    if (isPart(part, 'sql')) {
      const inner = compileSql(part as SqlQuery, resolve);
      text += inner.sql;
      bindings.push(...inner.bindings);
    } else if (isPart(part, 'table')) {
      const { object, alias } = part as SqlTable;
      text += '?? AS ??';
      bindings.push(resolve.table(object), alias);
    } else if (isPart(part, 'column')) {
      const { table: owner, field } = part as SqlColumn;
      if (!resolve.hasField(owner.object, field)) throw new Error(`${owner.object} has no field ${field}`);
      text += '??';
      bindings.push(`${owner.alias}.${field}`);
    } else {
      text += '?';
      bindings.push(part === undefined ? null : part);
    }
    text += query.text[i + 1];
  });
  return { sql: text, bindings };
}
