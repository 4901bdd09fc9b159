import pg from 'pg';

const RECONNECT_MS = 1000;

export interface NotificationHandlers {
  /** a NOTIFY on the channel, with its payload */
  notify(payload: string): void;
  /** LISTEN is in place: from now on every notification arrives (those sent while away are lost) */
  live(): void;
  /** the connection is gone: notifications may be missed until live() again */
  lost(): void;
}

/**
 * LISTEN `channel` on a PostgreSQL connection of its own, reconnecting whatever happens to it. A reader
 * that keeps something in memory trusts it only between live() and lost(), and forgets it at live():
 * a change made while the connection was away sent a notification nobody heard.
 */
export class NotificationListener {
  private client?: pg.Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly on: NotificationHandlers,
    private readonly warn: (message: string) => void,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`NotificationListener: ${channel} is not a plain channel name`);
  }

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    // keepAlive: a silently lost connection is found by TCP instead of never
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000, keepAlive: true });
    this.client = client;
    client.on('notification', (n) => { if (this.client === client && n.channel === this.channel) this.on.notify(n.payload ?? ''); });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.client === client) this.on.live();
    } catch (e) {
      this.lost(client, e as Error);
    }
  }

  private lost(client: pg.Client, e?: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    if (e) this.warn(`${this.channel} notifications interrupted (${e.message}); reconnecting`);
    client.end().catch(() => undefined);
    this.on.lost();
    this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
    this.retry.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
