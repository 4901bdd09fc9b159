import fs from 'node:fs';
import os from 'node:os';

// One table for the whole run: every figure measured in the same run, in the order measured.
export class Report {
  private readonly rows: [string, string][] = [];

  add(what: string, value: string): void {
    this.rows.push([what, value]);
    process.stderr.write(`  ${what}: ${value}\n`);
  }

  print(title: string): void {
    const w = Math.max(...this.rows.map(([k]) => k.length));
    console.log(`\nbench (${title}; ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString()})`);
    for (const [k, v] of this.rows) console.log(`${k.padEnd(w)}  ${v}`);
  }
}

export const percentile = (xs: number[], p: number): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

export const median = (xs: number[]): number => percentile(xs, 50);

export const perSecond = (rows: number, ms: number): string => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;

export const mb = (bytes: number | undefined): string => (bytes === undefined ? 'unknown' : `${(bytes / 2 ** 20).toFixed(0)} MB`);

/** Peak resident memory (VmHWM) of a running process, in bytes. */
export function peakRss(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined; // exited
  }
}

/** Samples a child's peak memory until it exits (/proc forgets it then). */
export function watchPeakRss(pid: number): () => number | undefined {
  let peak: number | undefined;
  const timer = setInterval(() => {
    const now = peakRss(pid);
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  }, 200);
  return () => {
    clearInterval(timer);
    const now = peakRss(pid);
    return now !== undefined ? Math.max(peak ?? 0, now) : peak;
  };
}
