import pg from 'pg';
import type { Logger } from 'pino';
import { METADATA_CHANNEL } from './deploy/deploy.ts';

/**
 * Keeps this instance's registry current when another instance deploys: LISTEN on the deploy channel,
 * reconnecting when the connection drops. Embedded mode has one process and needs none of this.
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
    client.on('notification', () => {
      this.onChange().catch((err) => this.log.error({ err }, 'metadata reload failed'));
    });
    client.on('error', (err) => {
      this.log.warn({ err }, 'metadata listener lost its connection; reconnecting');
      this.restart();
    });
    await client.connect();
    await client.query(`LISTEN ${METADATA_CHANNEL}`);
    this.client = client;
  }

  private restart(): void {
    if (this.closed) return;
    this.client?.end().catch(() => undefined);
    setTimeout(() => {
      if (this.closed) return;
      // A deploy may have happened while we were away.
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
