import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from '@jest/globals';
import { DISPATCH_KEYS, type DispatchJson, type ScoresJson } from '../../../analytics/src/contracts.js';
import { withMovement } from '../../../api/src/assessment/ranking-diff.js';
import { csvCell, toCsv } from '../../../api/src/exports/csv.js';
import { dispatchCsv, scoresCsv, type ScoresWithMovement } from '../../../api/src/exports/csv-exports.js';
import { SAMPLE_EXPECTED } from '../../support/databases.js';

const expected = <T>(f: string): T => JSON.parse(fs.readFileSync(path.join(SAMPLE_EXPECTED, f), 'utf8'));

describe('csv cells', () => {
  it('starts a file with the byte-order mark and ends lines with CRLF', () => {
    expect(toCsv(['a'], [['汉字']])).toBe('\uFEFFa\r\n汉字\r\n');
  });

  it('makes text that a spreadsheet would run as a formula plain text', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '=HYPERLINK("http://x","y")', '\t=1']) expect(csvCell(bad).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("a","b")')).toBe(`"'=HYPERLINK(""a"",""b"")"`);
    expect(csvCell('贮存 = 利用')).toBe('贮存 = 利用');
  });

  it('writes numbers as numbers, even negative ones, and quotes commas, quotes and line breaks', () => {
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvCell(null)).toBe('');
  });
});

describe('the dispatch and scores CSV', () => {
  it('has one row per unit and the city-wide row, every figure equal to the JSON', () => {
    const d = expected<DispatchJson>('dispatch-2023-08.json');
    const rows: Record<string, string>[] = parse(dispatchCsv(d), { columns: true, bom: true });
    expect(rows.map((r) => r.unit)).toEqual([...d.units.map((u) => u.unit), 'ALL']);
    [...d.units, d.cityWide].forEach((u, i) => {
      for (const k of DISPATCH_KEYS) expect(Number(rows[i][k])).toBe(u[k]);
    });
  });

  it('keeps the ranking order and the movement since last month', () => {
    const s = withMovement(expected<ScoresJson>('scores-2023-12.json') as never, expected<ScoresJson>('scores-2023-11.json') as never) as unknown as ScoresWithMovement;
    const rows: Record<string, string>[] = parse(scoresCsv(s), { columns: true, bom: true });
    expect(rows.map((r) => r.unit)).toEqual(s.units.map((u) => u.unit));
    expect(rows.map((r) => Number(r.total))).toEqual(s.units.map((u) => u.total));
    expect(rows.map((r) => Number(r.rank_change))).toEqual(s.units.map((u) => u.movement!.rankChange));
    expect(rows[0].found).toBe(String(s.units[0].parts.found));
  });
});
