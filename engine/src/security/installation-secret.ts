import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

export interface InstallationSecret {
  value: string;
  /** `environment`: configured; `database`: generated on first use and kept in a one-row table. */
  source: 'environment' | 'database';
}

export type InstallationSecretSource = () => Promise<InstallationSecret>;

/**
 * A secret every instance of the installation shares: the configured one, else one random secret kept in `table`
 * (`id = 1`, `secret`). The first instance that needs it creates the row and every other instance reads that same
 * row, so all of them agree.
 */
export function configuredOrStoredSecret(knex: Knex, table: string, configured?: string): InstallationSecretSource {
  if (configured) {
    const secret: InstallationSecret = { value: configured, source: 'environment' };
    return async () => secret;
  }
  let loading: Promise<InstallationSecret> | undefined;
  return () => {
    loading ??= storedSecret(knex, table).catch((error) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

async function storedSecret(knex: Knex, table: string): Promise<InstallationSecret> {
  await knex(table).insert({ id: 1, secret: randomBytes(32).toString('hex') }).onConflict('id').ignore();
  const row = await knex(table).where({ id: 1 }).first('secret');
  return { value: row.secret as string, source: 'database' };
}
