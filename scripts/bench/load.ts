// The load generator runs in a process of its own (this file, spawned by loadTest): in the bench's process
// it shared an event loop and a heap with the bench's DuckDB copy and PostgreSQL client, so the bench's own
// work and its garbage collections were counted as the server's latency, and its CPU could not be told
// apart. Its CPU is reported beside the server's: on 2 cores the two share the machine.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { percentile } from './report.js';

export interface LoadResult {
  requests: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  /** connection errors, timeouts and answers other than 2xx */
  errors: number;
  /** CPU (user + system) of the load generator's process over the load, ms */
  generatorCpuMs: number;
  /** CPU of the server's process over the load, ms, when its pid was given */
  serverCpuMs?: number;
}

type Job = { url: string; headers: Record<string, string>; connections: number; seconds: number };

/** user + system CPU of a process so far, in ms (/proc/PID/stat, clock ticks of 10 ms) */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** `connections` clients asking `url` over and over for `seconds` (autocannon, in its own process); every latency kept. */
export async function loadTest(url: string, headers: Record<string, string>, connections = 50, seconds = 10, serverPid?: number): Promise<LoadResult> {
  const job: Job = { url, headers, connections, seconds };
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    // the generator says when it starts, so that the server's CPU is counted over the load only
    if (serverPid && startCpu === undefined && out.includes('start\n')) startCpu = cpuMs(serverPid);
  });
  let startCpu: number | undefined;
  const code = await new Promise<number | null>((ok) => child.once('exit', ok));
  const serverCpuMs = serverPid && startCpu !== undefined ? cpuMs(serverPid) - startCpu : undefined;
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`the load generator exited with ${code}: ${out.slice(0, 300)}`);
  return { ...(JSON.parse(line) as Omit<LoadResult, 'serverCpuMs'>), serverCpuMs };
}

export const latencyText = (r: LoadResult): string => {
  const perRequest = (ms: number) => (ms / Math.max(1, r.requests)).toFixed(3);
  const cpu = `${r.serverCpuMs === undefined ? '' : `server CPU ${perRequest(r.serverCpuMs)} ms, `}load generator ${perRequest(r.generatorCpuMs)} ms a request`;
  return `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} / ${r.p99.toFixed(1)} ms (${r.requests} requests, ${(r.requests / r.seconds).toFixed(0)} req/s, ${r.errors} errors; ${cpu})`;
};

async function generate(job: Job): Promise<void> {
  const latencies: number[] = [];
  process.stdout.write('start\n');
  const before = process.cpuUsage();
  const r = await autocannon({
    url: job.url, connections: job.connections, duration: job.seconds, headers: job.headers,
    setupClient: (client) => {
      client.on('response', (_status: number, _bytes: number, ms: number) => latencies.push(ms));
    },
  });
  const cpu = process.cpuUsage(before);
  const result: Omit<LoadResult, 'serverCpuMs'> = {
    requests: latencies.length, seconds: job.seconds,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    errors: r.errors + r.timeouts + r.non2xx,
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  generate(JSON.parse(process.argv[2]) as Job).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
