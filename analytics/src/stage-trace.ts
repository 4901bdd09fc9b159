// Stage timers on stderr, each on when its environment variable is 1, silent otherwise (one test off):
// - ANALYTICS_TRACE=1: one line for each stage of the path from a write to the scores a GET serves (the
//   notification, the stale check, the refresh and its parts, each derived table kept up or rebuilt, the
//   scoped scores, the cache dropped, the answer), so that the stage that grows with the ledger can be told
//   from the others on a busy machine (traceEvent, traceStage);
// - HW_IMPORT_STAGES=1: where a bundle import's time goes, stage by stage, each stage ending where the next
//   begins (stageMarks, api/src/bundle/import-stages.ts).
// Each stage gets its wall time and this process's CPU time meanwhile (other work of the process included);
// the rest of the wall is PostgreSQL's, DuckDB's other threads' or the machine's.

const on = process.env.ANALYTICS_TRACE === '1';
const origin = performance.now();

/** Whether stages are traced (some callers count rows only then). */
export const tracing = (): boolean => on;

/** Where a stage began: the wall clock and this process's CPU usage then. */
interface StageStart {
  wall: number;
  cpu: NodeJS.CpuUsage;
}

const startNow = (): StageStart => ({ wall: performance.now(), cpu: process.cpuUsage() });

/** `… ms wall, … ms <cpu>`: the wall time since `start` and this process's CPU time (user and system) meanwhile. */
function took(start: StageStart, cpu: string): string {
  const used = process.cpuUsage(start.cpu);
  return `${(performance.now() - start.wall).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms ${cpu}`;
}

/** One event, with the ms since the process began tracing. */
export function traceEvent(label: string, detail?: unknown): void {
  if (!on) return;
  const extra = detail === undefined ? '' : ` ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
  process.stderr.write(`[analytics-trace] +${(performance.now() - origin).toFixed(0)} ms ${label}${extra}\n`);
}

/** `work` timed as one stage (ANALYTICS_TRACE), with what `detail` says of its result. */
export async function traceStage<T>(label: string, work: () => Promise<T>, detail?: (r: T) => unknown): Promise<T> {
  if (!on) return work();
  const start = startNow();
  const r = await work();
  traceEvent(`${label}: ${took(start, 'CPU')}`, detail?.(r));
  return r;
}

/**
 * Stages that follow one another, timed mark to mark: each call of the mark returned ends the stage begun
 * at the previous call (the first: at stageMarks) and writes `<prefix> <name>: … ms wall, … ms node CPU`
 * on stderr. When `enabled` is false the mark does nothing.
 */
export function stageMarks(enabled: boolean, prefix: string): (name: string) => void {
  if (!enabled) return () => undefined;
  let start = startNow();
  return (name) => {
    process.stderr.write(`${prefix} ${name}: ${took(start, 'node CPU')}\n`);
    start = startNow();
  };
}
