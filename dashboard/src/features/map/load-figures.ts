// The map's figures for a month, fetched from the API in one go (the ranking answers two measures).
import { ApiError, apiGet } from '../../api/client.js';
import type { Alert, Ranking } from '../../api/types.js';
import { loadCoverageUnits } from '../board/load-coverage-units.js';
import { coverageFigures, openAlertFigures, rankingFigures, type MeasureFigures } from './map-measures.js';

/** null when the server has no such endpoint (404): the measure is then not offered */
async function optional<T>(path: string, signal: AbortSignal): Promise<T | null> {
  try {
    return await apiGet<T>(path, signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** Every measure's figures for `month`, from the API; a measure whose source is missing is left out. */
export async function loadMeasureFigures(month: string, units: readonly string[], alertsPath: string, signal: AbortSignal): Promise<MeasureFigures> {
  const [ranking, alerts, coverage] = await Promise.all([
    apiGet<Ranking>(`/api/scores?month=${month}`, signal),
    optional<Alert[]>(alertsPath, signal),
    // the duties' figures only, as Arrow: the map shows no enterprise list
    loadCoverageUnits(month, signal, { withToInspect: false }),
  ]);
  const out: MeasureFigures = { ...rankingFigures(ranking) };
  if (alerts) out.openAlerts = openAlertFigures(alerts, month, units);
  if (coverage) out.coverage = coverageFigures({ month, units: coverage });
  return out;
}
