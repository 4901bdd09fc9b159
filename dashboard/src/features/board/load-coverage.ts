// GET /api/coverage for a month, as analytics/src/contracts.ts declares it: the board's cards and the
// map's 检查覆盖率 read the same answer through this one loader.
import { apiGet, query } from '../../api/client.js';
import type { CoverageJson } from '../../api/types.js';

/** The month's coverage (scoped by the server to what the user may read); null when the server cannot say. */
export async function loadCoverage(month: string, signal: AbortSignal): Promise<CoverageJson | null> {
  try {
    return await apiGet<CoverageJson>(`/api/coverage${query({ month })}`, signal);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    return null;
  }
}
