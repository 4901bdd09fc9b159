// ANALYTICS_TRACE=1: one stderr line for each stage of the path from a write to the scores a GET serves
// (the notification, the stale check, the refresh and its parts, each derived table kept up or rebuilt, the
// scoped scores, the cache dropped, the answer), with wall and this process's CPU time, so that the stage
// that grows with the ledger can be told from the others on a busy machine. Off, it costs one test.

const on = process.env.ANALYTICS_TRACE === '1';
const origin = performance.now();

/** Whether stages are traced (some callers count rows only then). */
export const tracing = (): boolean => on;

/** One event, with the ms since the process began tracing. */
export function traceEvent(label: string, detail?: unknown): void {
  if (!on) return;
  const extra = detail === undefined ? '' : ` ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
  process.stderr.write(`[analytics-trace] +${(performance.now() - origin).toFixed(0)} ms ${label}${extra}\n`);
}

/** `work` timed as one stage: its wall time and the process's CPU time meanwhile (other work included). */
export async function traceStage<T>(label: string, work: () => Promise<T>, detail?: (r: T) => unknown): Promise<T> {
  if (!on) return work();
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const r = await work();
  const used = process.cpuUsage(cpu);
  const d = detail?.(r);
  traceEvent(`${label}: ${(performance.now() - wall).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`, d);
  return r;
}
