// GET /api/trace read as Arrow: its three tables (analytics/src/contracts.ts TRACE_ARROW), each a stream of
// its own, put back together as the JSON answer's shape.
import { apiGetArrow } from '../../api/client.js';
import type { LookBack, Trace, TraceMissed, TraceOverdue } from '../../api/types.js';

export async function loadTrace(month: string, signal: AbortSignal): Promise<Trace> {
  const path = `/api/trace?month=${encodeURIComponent(month)}`;
  const [missed, overdue, lookBack] = await Promise.all([
    apiGetArrow<TraceMissed>(path, signal, 'missed'),
    apiGetArrow<TraceOverdue>(path, signal, 'overdue'),
    apiGetArrow<LookBack>(path, signal, 'lookBack'),
  ]);
  return { month: missed.meta.month, asOf: missed.meta.asOf, missed: missed.rows, overdue: overdue.rows, lookBack: lookBack.rows };
}
