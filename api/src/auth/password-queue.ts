import argon2 from 'argon2';

// argon2 runs on libuv's thread pool (4 threads), which DuckDB and file reads share: 100 concurrent
// sign-ins once held every thread for 17–28 s and stalled every route. Here at most `running` hashes
// run at once and at most `waiting` more wait; past that a caller is refused at once (busy) rather than
// queued, so a flood costs a refusal, not a hash.

export class PasswordQueueBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the server is checking too many passwords at the moment');
  }
}

// A real argon2id hash of a random password: an unknown user costs the same verification as a known
// one (so the answer's timing does not tell whether a username exists), once it gets a place.
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= argon2.hash(`no such user ${Math.random()}`, { type: argon2.argon2id }));

export class PasswordQueue {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  /** verifications done since start: a test reads it to count how many passwords were checked */
  checked = 0;

  constructor(readonly running = 2, readonly waiting = 8) {}

  private async slot<T>(work: () => Promise<T>, mayRefuse: boolean): Promise<T> {
    if (this.active >= this.running) {
      if (mayRefuse && this.queue.length >= this.waiting) throw new PasswordQueueBusy(1 + Math.ceil(this.queue.length / this.running));
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      // hand the place straight to the next in line (active stays the same), or give it back
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Whether `password` matches `hash` (the dummy hash when the user is unknown). Throws PasswordQueueBusy when the queue is full. */
  verify(hash: string | undefined, password: string): Promise<boolean> {
    return this.slot(async () => {
      this.checked++;
      const ok = await argon2.verify(hash ?? (await dummyHash()), password);
      return ok && hash !== undefined;
    }, true);
  }

  /** An argon2id hash of a new password; waits for its place (the office's own writes are not refused). */
  hash(password: string): Promise<string> {
    return this.slot(() => argon2.hash(password, { type: argon2.argon2id }), false);
  }
}
