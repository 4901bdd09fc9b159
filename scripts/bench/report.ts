import fs from 'node:fs';
import os from 'node:os';

// One table for the whole run: every figure measured in the same run, in the order measured, with the
// machine's load average over the run (other work on the machine slows every figure).
export class Report {
  private readonly rows: [string, string][] = [];
  private readonly started = new Date();
  private readonly loads: number[] = [os.loadavg()[0]];
  private readonly sampler = setInterval(() => this.loads.push(os.loadavg()[0]), 5000).unref();

  add(what: string, value: string): void {
    this.rows.push([what, value]);
    process.stderr.write(`  ${what}: ${value}\n`);
  }

  print(title: string): void {
    clearInterval(this.sampler);
    this.loads.push(os.loadavg()[0]);
    const w = Math.max(0, ...this.rows.map(([k]) => k.length));
    const minutes = ((Date.now() - this.started.getTime()) / 60_000).toFixed(1);
    const load = `load average (1 min) ${Math.min(...this.loads).toFixed(1)}–${Math.max(...this.loads).toFixed(1)}, median ${median(this.loads).toFixed(1)}`;
    console.log(`\nbench (${title}; ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ${this.started.toISOString()}, ${minutes} min; ${load})`);
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
