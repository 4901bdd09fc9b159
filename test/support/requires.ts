import { describe, it } from '@jest/globals';

export type Need = 'postgres' | 'chromium' | 'libreoffice' | 'pg_cluster' | 'strace';

/** The reason a need is missing on this machine, or undefined when it is there (see global-setup.js). */
export function missing(need: Need): string | undefined {
  return process.env[`NEED_MISSING_${need.toUpperCase()}`];
}

/** describe() that runs only when the machine has what the suite needs; otherwise one skipped test says why. */
export function describeWith(needs: Need[], name: string, body: () => void): void {
  const why = needs.map(missing).filter(Boolean);
  if (why.length) {
    describe(name, () => {
      it.skip(`SKIPPED: ${name}: ${why.join('; ')}`, () => undefined);
    });
  } else {
    describe(name, body);
  }
}

export { TEST_DATABASE_URL } from './needs.js';
