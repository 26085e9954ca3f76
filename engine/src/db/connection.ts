import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { claimDataDir } from './embedded-lock.ts';

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

export interface Database {
  knex: Knex;
  /** PGlite: one connection in this process; PostgreSQL: a pool that other instances share the server with. */
  embedded: boolean;
  /** The connection string of a real PostgreSQL server, for LISTEN/NOTIFY. */
  url?: string;
  close(): Promise<void>;
}

// Dates travel as 'YYYY-MM-DD' strings (a Date would shift with the time zone); numerics and int8 as strings.
pg.types.setTypeParser(DATE_OID, (value: string) => value);

export function openDatabase(options: { databaseUrl?: string; dataDir: string; pool?: { min: number; max: number } }): Database {
  if (options.databaseUrl) {
    const knex = knexFactory({
      client: 'pg',
      connection: options.databaseUrl,
      pool: options.pool ?? { min: 0, max: 10 },
    });
    return { knex, embedded: false, url: options.databaseUrl, close: () => knex.destroy() };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const release = claimDataDir(options.dataDir);
  const dir = path.join(options.dataDir, 'pglite');
  const pglite = new PGlite(dir, {
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => v, [NUMERIC_OID]: (v: string) => v },
  });
  const knex = knexFactory({
    client: ClientPgLite as unknown as typeof knexFactory.Client,
    dialect: 'postgres',
    connection: () => ({ pglite }),
  } as Knex.Config);
  return {
    knex,
    embedded: true,
    close: async () => {
      await knex.destroy();
      if (!pglite.closed) await pglite.close();
      release();
    },
  };
}
