// What is wrong with a bundle, said where a clerk can find it: `FILE:LINE: COLUMN: what is wrong`
// (spec/bundle.md). LINE is the physical line a CSV record starts on, or the row a spreadsheet shows.
export interface BundleProblem {
  file: string;
  line?: number;
  column?: string;
  message: string;
}

export function formatProblem(p: BundleProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.column === undefined ? `${where}: ${p.message}` : `${where}: ${p.column}: ${p.message}`;
}

/** A bundle is imported whole or not at all; this carries every reason it was not. */
export class BundleRefusedError extends Error {
  constructor(readonly problems: BundleProblem[]) {
    super(`bundle refused, ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'BundleRefusedError';
  }
}

/** Where a record sits in the bundle: the file as the problem names it (`hazards.csv` or sheet `hazards`) and its line. */
export interface Position {
  label: string;
  line: number;
}

/**
 * A bundle wrong on every row of a nation's file has tens of millions of problems: the first LISTED are
 * kept (as found: file by file, then check by check) and listed; the rest are counted, and the list ends
 * by saying how many more there were, so memory does not grow with them.
 */
export const LISTED_PROBLEMS = 1_000_000;

/** Collects problems as checks find them; the import refuses when any were found. */
export class ProblemList {
  readonly all: BundleProblem[] = [];
  /** problems found once LISTED were kept: counted, not listed */
  unlisted = 0;

  constructor(private readonly listed = LISTED_PROBLEMS) {}

  /** how many more problems are kept */
  get room(): number {
    return Math.max(0, this.listed - this.all.length);
  }

  at(pos: Position, column: string | undefined, message: string): void {
    this.add({ file: pos.label, line: pos.line, column, message });
  }

  file(label: string, message: string): void {
    this.add({ file: label, message });
  }

  /** Problems another list found (a worker's, for one piece), added as if found here in their order. */
  takeFrom(found: readonly BundleProblem[], unlisted: number): void {
    for (const p of found) this.add(p);
    this.unlisted += unlisted;
  }

  private add(p: BundleProblem): void {
    if (this.all.length < this.listed) this.all.push(p);
    else this.unlisted++;
  }

  get empty(): boolean {
    return this.all.length === 0 && this.unlisted === 0;
  }

  /** Sorted by file then line, each problem once (a reader may meet one broken row twice). */
  sorted(fileOrder: string[]): BundleProblem[] {
    const rank = (f: string) => {
      const i = fileOrder.indexOf(f);
      return i < 0 ? fileOrder.length : i;
    };
    const seen = new Set<string>();
    const out = this.all
      .map((p, i) => ({ p, i }))
      .sort((a, b) => rank(a.p.file) - rank(b.p.file) || a.p.file.localeCompare(b.p.file) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
      .map(({ p }) => p)
      .filter((p) => {
        const k = formatProblem(p);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    if (this.unlisted > 0) {
      out.push({ file: 'bundle', message: `${this.unlisted} more problems found and not listed: the first ${this.listed} found are listed above; correct those and import again to see the rest` });
    }
    return out;
  }
}
