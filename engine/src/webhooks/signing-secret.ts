import type { Knex } from 'knex';
import { configuredOrStoredSecret, type InstallationSecret, type InstallationSecretSource } from '../security/installation-secret.ts';

/** `environment`: QUDAO_WEBHOOK_SECRET; `database`: generated on first use and kept in `qd_webhook_secret`. */
export type SigningSecret = InstallationSecret;

export type SigningSecretSource = InstallationSecretSource;

/** The secret webhooks are signed with: the configured one, else one random secret kept in the database. */
export function webhookSigningSecret(knex: Knex, configured?: string): SigningSecretSource {
  return configuredOrStoredSecret(knex, 'qd_webhook_secret', configured);
}
