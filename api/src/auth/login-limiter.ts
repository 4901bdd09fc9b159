// Slows password guessing: after `max` failures for one (address, username) within the window, further
// attempts are refused until the window passes. In memory: one server process serves one office.
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly max = 5, private readonly windowMs = 15 * 60_000) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    this.failures.set(key, list);
    return list;
  }

  /** seconds to wait, or 0 when an attempt is allowed */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    return list.length >= this.max ? Math.ceil((list[0] + this.windowMs - now) / 1000) : 0;
  }

  fail(key: string, now = Date.now()): void {
    this.recent(key, now).push(now);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
