import { describe, expect, it } from '@jest/globals';
import { ProblemList, formatProblem } from '../../../api/src/bundle/bundle-problem.js';
import { readCsvText } from '../../../api/src/bundle/read-csv-folder.js';

const bytes = (s: string) => new TextEncoder().encode(s);

function read(text: string | Uint8Array) {
  const problems = new ProblemList();
  const table = readCsvText('feedback.csv', typeof text === 'string' ? bytes(text) : text, problems);
  return { table, problems: problems.all.map(formatProblem), lines: table?.rows.map((r) => r.at.line) };
}

describe('reading one CSV file', () => {
  it('gives each record the physical line it starts on, past quoted fields that span lines', () => {
    const { table, lines, problems } = read('a,b\n1,"first\nsecond"\n2,x\n\n3,"p\r\nq\r\nr"\r\n4,y\r\n');
    expect(problems).toEqual([]);
    expect(lines).toEqual([2, 4, 6, 9]);
    expect(table!.rows[0].cells).toEqual(['1', 'first\nsecond']);
  });

  it('takes a BOM, CRLF and LF mixed in one file (as the sample has), columns in any order', () => {
    const { table, lines } = read('\uFEFFb,a\r\n1,2\n3,4\r\n');
    expect(table!.header).toEqual({ line: 1, names: ['b', 'a'] });
    expect(lines).toEqual([2, 3]);
    expect(table!.rows[1].cells).toEqual(['3', '4']);
  });

  it('reports every unparsable row at its own line and keeps reading the rest', () => {
    const { lines, problems } = read('a,b\n1,2,3\n4,5\n6\n7,8\n');
    expect(lines).toEqual([3, 5]);
    expect(problems).toEqual([
      'feedback.csv:2: unparsable row: it has 3 fields, the header has 2',
      'feedback.csv:4: unparsable row: it has 1 fields, the header has 2',
    ]);
  });

  it('reports a quote that is never closed at the line where its record starts', () => {
    expect(read('a,b\n1,2\n3,"open\n4,5\n').problems).toEqual([
      'feedback.csv:3: unparsable row: a quoted field is never closed (every " that opens a field needs one that closes it)',
    ]);
  });

  it('refuses text that is not UTF-8 and a file without a header', () => {
    expect(read(new Uint8Array([0x61, 0x2c, 0xff, 0xfe, 0x0a])).problems).toEqual(['feedback.csv: is not UTF-8 text; save it as "CSV UTF-8"']);
    expect(read('').problems).toEqual(['feedback.csv: is empty; it needs at least its header row']);
    expect(read('\n\n').problems).toEqual(['feedback.csv: is empty; it needs at least its header row']);
  });
});

describe('reading a CSV file that goes wrong more than once', () => {
  it('names each broken record once, at its own first line, past empty lines', () => {
    expect(read('a,b\n1,2,3\n\n\n4\n5,6\n7,"x"y\n').problems).toEqual([
      'feedback.csv:2: unparsable row: it has 3 fields, the header has 2',
      'feedback.csv:5: unparsable row: it has 1 fields, the header has 2',
      'feedback.csv:7: unparsable row: text follows a closing " in the same field',
    ]);
    expect(read('a,b\n1,"x\n"y\n2,3\n').problems).toEqual(['feedback.csv:2: unparsable row: text follows a closing " in the same field']);
  });
});
