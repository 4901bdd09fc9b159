// A fixed-window count of requests per key (an address), in memory: one server process serves one
// office. Old windows are dropped as keys come back, and the whole map when it grows past its bound, so
// a flood of addresses cannot grow it without end.
const MAX_KEYS = 10_000;

export class RateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(readonly max: number, readonly windowMs: number) {}

  /** Counts a request for `key`: 0 when admitted, else the seconds until its window ends. */
  take(key: string, now = Date.now()): number {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (!w && this.windows.size >= MAX_KEYS) this.windows.clear();
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= this.max) return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
    w.count++;
    return 0;
  }
}
