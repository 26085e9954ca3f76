import type { Knex } from 'knex';
import type { DocKind, Layer, MetadataDoc } from './types.ts';

/** One version of one document in one layer, as kept in `qd_metadata_documents`. */
export interface StoredDocument {
  kind: DocKind;
  name: string;
  layer: Layer;
  version: number;
  body: MetadataDoc | null;
  deleted: boolean;
  createdAt?: string;
  createdBy?: string | null;
}

export interface NewVersion {
  kind: DocKind;
  name: string;
  layer: Layer;
  body: MetadataDoc | null;
  deleted: boolean;
  deployId: string;
  actor: string | null;
}

const TABLE = 'qd_metadata_documents';

function fromRow(row: Record<string, any>): StoredDocument {
  return {
    kind: row.kind,
    name: row.name,
    layer: row.layer,
    version: row.version,
    body: row.body,
    deleted: row.deleted,
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : row.created_at,
    createdBy: row.created_by,
  };
}

/** Reads and writes metadata documents. Every change is a new version; nothing is overwritten. */
export class MetadataStore {
  constructor(private readonly knex: Knex) {}

  /** The newest version of every document in every layer (deleted ones included, so callers see tombstones). */
  async loadCurrent(db: Knex | Knex.Transaction = this.knex): Promise<StoredDocument[]> {
    const rows = await db(TABLE)
      .distinctOn('kind', 'name', 'layer')
      .select('kind', 'name', 'layer', 'version', 'body', 'deleted', 'created_at', 'created_by')
      .orderBy([{ column: 'kind' }, { column: 'name' }, { column: 'layer' }, { column: 'version', order: 'desc' }]);
    return rows.map(fromRow);
  }

  /** Every version of one document, newest first. */
  async history(kind: string, name: string): Promise<StoredDocument[]> {
    const rows = await this.knex(TABLE)
      .where({ kind, name })
      .orderBy([{ column: 'layer' }, { column: 'version', order: 'desc' }]);
    return rows.map(fromRow);
  }

  async saveVersion(trx: Knex.Transaction, doc: NewVersion): Promise<number> {
    const { max } = (await trx(TABLE)
      .where({ kind: doc.kind, name: doc.name, layer: doc.layer })
      .max('version as max')
      .first()) as { max: number | null };
    const version = (max ?? 0) + 1;
    await trx(TABLE).insert({
      kind: doc.kind,
      name: doc.name,
      layer: doc.layer,
      version,
      body: doc.body === null ? null : JSON.stringify(doc.body),
      deleted: doc.deleted,
      deploy_id: doc.deployId,
      created_by: doc.actor,
    });
    return version;
  }
}
