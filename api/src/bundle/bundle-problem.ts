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

/** Collects problems as checks find them; the import refuses when any were found. */
export class ProblemList {
  readonly all: BundleProblem[] = [];

  at(pos: Position, column: string | undefined, message: string): void {
    this.all.push({ file: pos.label, line: pos.line, column, message });
  }

  file(label: string, message: string): void {
    this.all.push({ file: label, message });
  }

  get empty(): boolean {
    return this.all.length === 0;
  }

  /** Sorted by file then line, each problem once (a reader may meet one broken row twice). */
  sorted(fileOrder: string[]): BundleProblem[] {
    const rank = (f: string) => {
      const i = fileOrder.indexOf(f);
      return i < 0 ? fileOrder.length : i;
    };
    const seen = new Set<string>();
    return this.all
      .map((p, i) => ({ p, i }))
      .sort((a, b) => rank(a.p.file) - rank(b.p.file) || a.p.file.localeCompare(b.p.file) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
      .map(({ p }) => p)
      .filter((p) => {
        const k = formatProblem(p);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
  }
}
