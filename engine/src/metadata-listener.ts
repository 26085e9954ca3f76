import pg from 'pg';
import type { Logger } from 'pino';
import { METADATA_CHANNEL } from './deploy/deploy.ts';
import { AUTH_CHANNEL, credentialCache } from './security/credential-cache.ts';

/**
 * Keeps this instance current when another instance changes something: LISTEN on the deploy channel (reload the
 * registry) and on the credentials channel (forget a user's cached sessions and tokens), reconnecting when the
 * connection drops. Embedded mode has one process and needs none of this.
 */
export class MetadataListener {
  private client?: pg.Client;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly onChange: () => Promise<void>,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel === AUTH_CHANNEL) return credentialCache.forgetUser(message.payload ?? '');
      this.onChange().catch((err) => this.log.error({ err }, 'metadata reload failed'));
    });
    client.on('error', (err) => {
      this.log.warn({ err }, 'metadata listener lost its connection; reconnecting');
      this.restart();
    });
    await client.connect();
    await client.query(`LISTEN ${METADATA_CHANNEL}; LISTEN ${AUTH_CHANNEL}`);
    this.client = client;
  }

  private restart(): void {
    if (this.closed) return;
    this.client?.end().catch(() => undefined);
    setTimeout(() => {
      if (this.closed) return;
      // A deploy, or a change to credentials, may have happened while we were away.
      credentialCache.clear();
      this.start()
        .then(() => this.onChange())
        .catch(() => this.restart());
    }, 500);
  }

  async stop(): Promise<void> {
    this.closed = true;
    await this.client?.end();
  }
}
