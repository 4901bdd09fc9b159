import type { SchemeParams } from '../../api/src/assessment/default-scheme.js';
import type { MonthWindow } from './month-window.js';
import type { QueryFile } from './query-file.js';
export type Explanation = Record<string, unknown>;
export async function explainUnit(_q: QueryFile, _w: MonthWindow, _u: string, _s: SchemeParams): Promise<Explanation> { return {}; }
