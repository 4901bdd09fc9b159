import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from '@jest/globals';
import { DISPATCH_KEYS, type DispatchJson, type ScoresJson } from '../../../analytics/src/contracts.js';
import { withMovement } from '../../../api/src/assessment/ranking-diff.js';
import { csvCell, toCsv } from '../../../api/src/exports/csv.js';
import { dispatchCsv, scoresCsv, type ScoresWithMovement } from '../../../api/src/exports/csv-exports.js';
import { SAMPLE_EXPECTED } from '../../support/databases.js';
import { valueLabel } from '../../../api/src/dispatch/dispatch-items.js';
import { INDICATOR_LABEL, PART_LABEL } from '../../../api/src/common/labels.js';
import { chineseHazards } from '../../../api/src/exports/chinese-columns.js';

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

describe('the dispatch and scores CSV with codes=true (the machine columns)', () => {
  it('has one row per unit and the city-wide row, every figure equal to the JSON', () => {
    const d = expected<DispatchJson>('dispatch-2023-08.json');
    const rows: Record<string, string>[] = parse(dispatchCsv(d, { codes: true }), { columns: true, bom: true });
    expect(rows.map((r) => r.unit)).toEqual([...d.units.map((u) => u.unit), 'ALL']);
    [...d.units, d.cityWide].forEach((u, i) => {
      for (const k of DISPATCH_KEYS) expect(Number(rows[i][k])).toBe(u[k]);
    });
  });

  it('keeps the ranking order and the movement since last month', () => {
    const s = withMovement(expected<ScoresJson>('scores-2023-12.json') as never, expected<ScoresJson>('scores-2023-11.json') as never) as unknown as ScoresWithMovement;
    const rows: Record<string, string>[] = parse(scoresCsv(s, { codes: true }), { columns: true, bom: true });
    expect(rows.map((r) => r.unit)).toEqual(s.units.map((u) => u.unit));
    expect(rows.map((r) => Number(r.total))).toEqual(s.units.map((u) => u.total));
    expect(rows.map((r) => Number(r.rank_change))).toEqual(s.units.map((u) => u.movement!.rankChange));
    expect(rows[0].found).toBe(String(s.units[0].parts.found));
  });
});

describe('the dispatch, scores and hazards CSV for people (the default)', () => {
  const movement = () => withMovement(expected<ScoresJson>('scores-2023-12.json') as never, expected<ScoresJson>('scores-2023-11.json') as never) as unknown as ScoresWithMovement;

  it('dispatch: Chinese headers (the attachment\'s items), names beside codes, 全市 for the city-wide row', () => {
    const d = expected<DispatchJson>('dispatch-2023-08.json');
    const csv = dispatchCsv(d);
    const [header] = parse(csv, { bom: true, to: 1 }) as string[][];
    expect(header.slice(0, 4)).toEqual(['月份', '截至日期', '单位代码', '单位']);
    expect(header.slice(4)).toEqual(DISPATCH_KEYS.map(valueLabel));
    expect(new Set(header).size).toBe(header.length);
    expect(header.join('')).not.toMatch(/[A-Za-z_]/);
    const rows: Record<string, string>[] = parse(csv, { columns: true, bom: true });
    expect(rows.map((r) => [r['单位代码'], r['单位']])).toEqual([...d.units.map((u) => [u.unit, u.name]), ['', '全市（本行业领域）']]);
    expect(rows[0]['月份']).toBe('2023年8月');
    [...d.units, d.cityWide].forEach((u, i) => {
      for (const k of DISPATCH_KEYS) expect([k, Number(rows[i][valueLabel(k)])]).toEqual([k, u[k]]);
    });
    expect(csv).not.toContain('ALL');
  });

  it('scores: Chinese headers, scores to the cent, the leaders\' shares as the page shows them (no 0.8333333333333334)', () => {
    const s = movement();
    const csv = scoresCsv(s);
    const rows: Record<string, string>[] = parse(csv, { columns: true, bom: true });
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['名次', '单位', '总分', INDICATOR_LABEL.I1, '扣分', PART_LABEL.main_ok]));
    expect(rows.map((r) => [r['单位代码'], r['单位'], Number(r['总分'])])).toEqual(s.units.map((u) => [u.unit, u.name, u.total]));
    expect(rows[0]['考核方案']).toBe('默认方案');
    expect(rows.map((r) => Number(r['名次变化（上升为正）']))).toEqual(s.units.map((u) => u.movement!.rankChange));
    // every number in the file has at most 2 decimals, every share at most one
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/\.\d{3,}/);
    s.units.forEach((u, i) => expect(rows[i][PART_LABEL.main_ok]).toBe(`${Math.round(u.parts.main_ok * 1000) / 10}%`));
    expect(csv).not.toMatch(/\bdefault\b/);
  });

  it('hazards: Chinese headers, the enterprise\'s and unit\'s names, sources, listings and states in Chinese', () => {
    const rows = parse(chineseHazards([
      { ledger_no: 'JC-1', enterprise_credit_code: '91140500MA0000001X', enterprise_name: '晋城某化工有限公司', unit_code: '140502', unit_name: '城区',
        source: 'enforcement', listed_level: 'city', funds_wan: 0.8333333333333334, deadline: '2023-11-30', rectified_on: null, closed_on: null },
      { ledger_no: 'JC-2', source: 'self_check', rectified_on: '2023-10-01', closed_on: '2023-10-09' },
    ], '2023-12-31'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ 台账编号: 'JC-1', 企业名称: '晋城某化工有限公司', 报送单位: '城区', 隐患来源: '部门执法检查', 挂牌督办级别: '市级挂牌',
      '整改资金（万元）': '0.83', 状态: '未整改（逾期）' });
    expect(rows[1]).toMatchObject({ 隐患来源: '企业自查', 状态: '已办结销号' });
  });
});
