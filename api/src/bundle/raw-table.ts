import type { Position } from './bundle-problem.js';

/**
 * One file or sheet as a reader found it, before any meaning is given to its cells: both readers (CSV
 * folder, .xlsx workbook) produce this, so everything after them is the same for both.
 */
export interface RawTable {
  /** the bundle file it stands for, e.g. `hazards.csv` (also for a sheet named `hazards`) */
  file: string;
  /** how problems name it: `hazards.csv`, or the sheet name `hazards` */
  label: string;
  header: { line: number; names: string[] };
  rows: RawRow[];
  /** a later piece of a large file: its header is a copy of the file's, already checked */
  continued?: boolean;
}

export interface RawRow {
  at: Position;
  /** cell text by header position; a cell beyond the header is a reader's problem, not kept here */
  cells: string[];
}
