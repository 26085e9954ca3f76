import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

export interface SigningSecret {
  value: string;
  /** `environment`: QUDAO_WEBHOOK_SECRET; `database`: generated on first use and kept in `qd_webhook_secret`. */
  source: 'environment' | 'database';
}

export type SigningSecretSource = () => Promise<SigningSecret>;

/**
 * The secret webhooks are signed with: the configured one, else one random secret kept in the database. The first
 * instance that needs it creates it and every other instance reads that same row, so all of them sign alike.
 */
export function webhookSigningSecret(knex: Knex, configured?: string): SigningSecretSource {
  if (configured) {
    const secret: SigningSecret = { value: configured, source: 'environment' };
    return async () => secret;
  }
  let loading: Promise<SigningSecret> | undefined;
  return () => {
    loading ??= storedSecret(knex).catch((error) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

async function storedSecret(knex: Knex): Promise<SigningSecret> {
  await knex('qd_webhook_secret').insert({ id: 1, secret: randomBytes(32).toString('hex') }).onConflict('id').ignore();
  const row = await knex('qd_webhook_secret').where({ id: 1 }).first('secret');
  return { value: row.secret as string, source: 'database' };
}
