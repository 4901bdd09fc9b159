// Limits on sign-in attempts, counted when an attempt starts, before its password is checked: 60
// concurrent guesses meet the limit at the sixth, not after all 60 have been checked. An attempt holds a
// place until it ends; a right password gives its place back and clears the account's failures, a wrong
// one keeps it for the window. In memory: one server process serves one office.

export interface Attempt {
  /** the password was right */
  succeed(): void;
  /** the password was wrong: the attempt counts for the window */
  fail(): void;
  /** nothing was checked (the server was busy): the attempt does not count */
  cancel(): void;
}

export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  /** `succeedClears`: a right password clears the key's failures (an account's; not an address's) */
  constructor(readonly max: number, readonly windowMs: number, private readonly succeedClears: boolean) {}

  private recent(key: string, now: number): number[] {
    const list = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.attempts.set(key, list);
    else this.attempts.delete(key);
    return list;
  }

  /** Seconds to wait when `key` has used up its attempts, else 0. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    return list.length >= this.max ? Math.max(1, Math.ceil((list[0] + this.windowMs - now) / 1000)) : 0;
  }

  /** Takes an attempt for `key`, or answers the seconds to wait. Synchronous: no two callers take the last place. */
  begin(key: string, now = Date.now()): Attempt | { retryAfter: number } {
    const wait = this.retryAfter(key, now);
    if (wait) return { retryAfter: wait };
    const list = this.recent(key, now);
    list.push(now);
    this.attempts.set(key, list);
    const drop = () => {
      const l = this.attempts.get(key);
      const i = l?.indexOf(now) ?? -1;
      if (l && i >= 0) l.splice(i, 1);
    };
    return { succeed: () => (this.succeedClears ? this.attempts.delete(key) : undefined), fail: () => undefined, cancel: drop };
  }

  /** Forgets everything (tests, and an operator's reset). */
  clear(): void {
    this.attempts.clear();
  }
}

/** Per account: 5 failed or pending attempts in 15 minutes, then wait. */
export const accountLimiter = () => new AttemptLimiter(5, 15 * 60_000, true);
/** Per client address, over all accounts: 30 attempts a minute, whatever their outcome. */
export const addressLimiter = () => new AttemptLimiter(30, 60_000, false);
