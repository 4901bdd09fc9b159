import { describe, expect, it } from '@jest/globals';
import { ProblemList, formatProblem } from '../../../api/src/bundle/bundle-problem.js';
import { readCsvText } from '../../../api/src/bundle/read-csv-folder.js';

// A file whose quotes each wrap one whole field on one line is cut by bytes, not by csv-parse; any other
// quote sends it to csv-parse. Read both ways, a file must give the same records, on the same lines,
// with the same problems.

function read(text: string, byBytes = true) {
  const problems = new ProblemList();
  const table = readCsvText('feedback.csv', new TextEncoder().encode(text), problems, 'feedback.csv', 10, byBytes);
  return { table, problems: problems.all.map(formatProblem) };
}

function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

// no lone carriage return: a file with one goes to csv-parse (read-csv-folder.ts, isPlain)
const PIECES = ['a', '7', '汉字', ' ', '\t', '-', 'x y', '2024-01-31', '\u0000', 'é'];
// quoted fields as the byte reader takes them, and quotes it leaves to csv-parse (a line break inside,
// a quote in an unquoted field, text after a closing quote, a quote never closed)
const QUOTED = ['"q,1"', '"a""b"', '""', '"汉,字"', '"""x"""'];
const BROKEN = ['"a\nb"', 'x"y', '"a"b', '"open'];

function randomFile(seed: number, quotes: 'none' | 'whole' | 'broken'): string {
  const r = random(seed);
  const width = 1 + r(4);
  const header = Array.from({ length: width }, (_, i) => `h${i}`);
  const lines = [header.join(',')];
  for (let i = r(12); i > 0; i--) {
    const kind = r(10);
    if (kind === 0) lines.push('');
    else if (kind === 1) lines.push(' ');
    else {
      const n = kind === 2 ? 1 + r(6) : width;
      const cell = () => {
        const q = r(20);
        if (q < 3 && quotes !== 'none') return QUOTED[r(QUOTED.length)];
        if (q === 3 && quotes === 'broken') return BROKEN[r(BROKEN.length)];
        return Array.from({ length: r(3) }, () => PIECES[r(PIECES.length)]).join('');
      };
      lines.push(Array.from({ length: n }, cell).join(','));
    }
  }
  const eol = r(2) ? '\n' : '\r\n';
  return (r(4) === 0 ? '\uFEFF' : '') + (r(5) === 0 ? '\n' : '') + lines.join(eol) + (r(2) ? eol : '');
}

describe('reading a CSV file by bytes', () => {
  it.each(['none', 'whole', 'broken'] as const)('reads as csv-parse reads the same file (quotes: %s)', (quotes) => {
    let withProblems = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const text = randomFile(seed, quotes);
      const plain = read(text);
      const parsed = read(text, false);
      if (plain.problems.length) withProblems++;
      expect({ seed, ...plain }).toEqual({ seed, ...parsed });
    }
    // the random files do put rows of the wrong width in front of both readers
    expect(withProblems).toBeGreaterThan(50);
  });

  it('cuts by bytes: cells of many-byte characters, CRLF read as LF', () => {
    const { table, problems } = read('\uFEFFa,b\r\n汉,字\r\n\r\nx,\r\n');
    expect(problems).toEqual([]);
    expect(table!.rows.map((r) => [r.at.line, r.cells])).toEqual([[12, ['汉', '字']], [14, ['x', '']]]);
  });
});
