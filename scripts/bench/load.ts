import autocannon from 'autocannon';
import { percentile } from './report.js';

export interface LoadResult {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  /** connection errors, timeouts and answers other than 2xx */
  errors: number;
}

/** `connections` clients asking `url` over and over for `seconds` (autocannon); every latency kept. */
export async function loadTest(url: string, headers: Record<string, string>, connections = 50, seconds = 10): Promise<LoadResult> {
  const latencies: number[] = [];
  const r = await autocannon({
    url, connections, duration: seconds, headers,
    setupClient: (client) => {
      client.on('response', (_status: number, _bytes: number, ms: number) => latencies.push(ms));
    },
  });
  return {
    requests: latencies.length,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

export const latencyText = (r: LoadResult): string =>
  `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} / ${r.p99.toFixed(1)} ms (${r.requests} requests, ${r.errors} errors)`;
