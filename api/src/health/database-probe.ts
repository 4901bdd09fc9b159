import type { DataSource } from 'typeorm';

/** How long the probe waits for the database before it calls it unavailable. */
const PROBE_TIMEOUT_MS = 3000;
/** A probe's result is answered for this long: a healthcheck every few seconds always gets a new one. */
export const PROBE_EVERY_MS = 1000;

export interface ProbeResult {
  ok: boolean;
  /** when the probe that found it ended (epoch ms) */
  at: number;
}

/**
 * "Can the server reach the ledger database?", asked with one SELECT 1 at most every PROBE_EVERY_MS:
 * requests in between get the last probe's result and its time, and requests that come while a probe
 * is under way wait for that one. Under 50 connections /api/health was one round trip a request
 * (on the embedded database 1.3 ms of CPU each); an answer at most a second old says the same thing.
 */
export class DatabaseProbe {
  private last?: ProbeResult;
  private running?: Promise<ProbeResult>;
  /** SELECT 1s sent (a test reads it) */
  probes = 0;

  constructor(private readonly dataSource: Pick<DataSource, 'query'>, private readonly now: () => number = Date.now) {}

  result(): Promise<ProbeResult> {
    if (this.last && this.now() - this.last.at < PROBE_EVERY_MS) return Promise.resolve(this.last);
    this.running ??= this.probe().then((r) => {
      this.last = r;
      this.running = undefined;
      return r;
    });
    return this.running;
  }

  private async probe(): Promise<ProbeResult> {
    this.probes++;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((ok) => { timer = setTimeout(() => ok(false), PROBE_TIMEOUT_MS); });
    const answered = this.dataSource.query('SELECT 1').then(() => true, () => false);
    try {
      return { ok: await Promise.race([answered, timeout]), at: this.now() };
    } finally {
      clearTimeout(timer);
    }
  }
}
