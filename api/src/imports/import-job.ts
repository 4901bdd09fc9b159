import type { FileCounts } from '../bundle/write-bundle.js';

// A bundle import sent over HTTP (导入): the import itself is the CLI's transaction (all or nothing,
// audited); the job is what the page polls while it runs. Jobs live in this process's memory only.

export type ImportStatus = 'checking' | 'writing' | 'done' | 'refused' | 'failed';

export interface ImportProblem {
  file: string;
  line: number | null;
  column: string | null;
  /** the CLI's words */
  message: string;
  /** what kind of mistake it is, in Chinese */
  messageZh: string;
  /** the line the CLI prints: `FILE:LINE: COLUMN: what is wrong` */
  text: string;
}

export interface ImportJob {
  id: string;
  status: ImportStatus;
  fileName: string;
  /** the unit a county branch's import is limited to; null for the city office */
  unit: string | null;
  actor: string;
  rowsTotal: number;
  rowsChecked: number;
  rowsWritten: number;
  problems: ImportProblem[];
  /** by bundle file, once done */
  counts: Record<string, FileCounts> | null;
  /** why a job failed (not a refusal: the server could not finish it) */
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/**
 * The last `max` jobs, oldest dropped first; also dropped while the problems kept in all exceed
 * `maxProblems` (a 20 MB bundle wrong on every row has hundreds of thousands), the newest job always kept.
 */
export class JobStore {
  private readonly jobs = new Map<string, ImportJob>();
  constructor(private readonly max = 100, private readonly maxProblems = 200_000) {}

  add(job: ImportJob): void {
    this.jobs.set(job.id, job);
    this.prune();
  }

  /** called again when a job has finished, with its problems */
  prune(): void {
    let problems = 0;
    for (const j of this.jobs.values()) problems += j.problems.length;
    while (this.jobs.size > 1 && (this.jobs.size > this.max || problems > this.maxProblems)) {
      const oldest = this.jobs.keys().next().value!;
      problems -= this.jobs.get(oldest)!.problems.length;
      this.jobs.delete(oldest);
    }
  }

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  /** newest first */
  list(filter: (j: ImportJob) => boolean, limit: number): ImportJob[] {
    return [...this.jobs.values()].filter(filter).reverse().slice(0, limit);
  }
}
