// The two lists of a unit's explanation the board's deadline cards need, read from GET /api/scores/:unit as
// Arrow (UNIT_EXPLANATION_ARROW, one table a list): every missed feedback Friday and every late or missing
// submission, however many, without the rest of the explanation.
import { apiGetArrow, query } from '../../api/client.js';
import type { LateSubmission, MissedFriday } from '../../api/types.js';

export interface BoardExplanation {
  missedFridays: MissedFriday[];
  lateSubmissions: LateSubmission[];
}

export async function loadBoardExplanation(unit: string, month: string, signal: AbortSignal): Promise<BoardExplanation> {
  const path = `/api/scores/${encodeURIComponent(unit)}${query({ month })}`;
  const [missedFridays, lateSubmissions] = await Promise.all([
    apiGetArrow<MissedFriday>(path, signal, 'missedFridays'),
    apiGetArrow<LateSubmission>(path, signal, 'lateSubmissions'),
  ]);
  return { missedFridays: missedFridays.rows, lateSubmissions: lateSubmissions.rows };
}
