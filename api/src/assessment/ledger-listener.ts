import pg from 'pg';

const RECONNECT_MS = 1000;

/**
 * LISTEN ledger_changed on its own connection (migration LedgerChanges notifies at every commit that
 * wrote the ledger). Whatever happens to the connection, it reconnects, and says "may have changed"
 * on each reconnect: a notification sent while it was away is lost, the change is not.
 */
export class LedgerListener {
  private client?: pg.Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly onChange: () => void,
    private readonly warn: (message: string) => void,
  ) {}

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
    this.client = client;
    client.on('notification', () => this.onChange());
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query('LISTEN ledger_changed');
      this.onChange();
    } catch (e) {
      this.lost(client, e as Error);
    }
  }

  private lost(client: pg.Client, e?: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    if (e) this.warn(`ledger change notifications interrupted (${e.message}); reconnecting`);
    client.end().catch(() => undefined);
    this.onChange();
    this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
    this.retry.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }
}
