import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Resvg } from '@resvg/resvg-js';
import type { DispatchJson, ScoresJson } from '../../../analytics/src/contracts.js';
import { DEFAULT_SCHEME } from '../../../analytics/src/default-scheme.js';
import { withMovement } from '../../../api/src/assessment/ranking-diff.js';
import { barChartSvg, BAR_COLOUR, rasterise } from '../../../api/src/exports/briefing-chart.js';
import { buildBriefing, type BriefingInput } from '../../../api/src/exports/briefing-content.js';
import { movementText, weakestParts, indicatorMax } from '../../../api/src/exports/briefing-text.js';
import type { ScoresWithMovement } from '../../../api/src/exports/csv-exports.js';
import { SAMPLE_EXPECTED } from '../../support/databases.js';

const expected = <T>(f: string): T => JSON.parse(fs.readFileSync(path.join(SAMPLE_EXPECTED, f), 'utf8'));

function input(over: Partial<BriefingInput> = {}): BriefingInput {
  const ranking = withMovement(expected<ScoresJson>('scores-2023-12.json') as never, expected<ScoresJson>('scores-2023-11.json') as never) as unknown as ScoresWithMovement;
  return {
    issuedOn: '2023-12-31', dispatch: expected<DispatchJson>('dispatch-2023-12.json'), ranking, scheme: DEFAULT_SCHEME,
    trace: { month: '2023-12', asOf: '2023-12-31', missed: [], overdue: [], lookBack: [] },
    late: {}, typicalCases: [], reconciliations: [], cityCode: '140500', ...over,
  };
}

const text = (b: ReturnType<typeof buildBriefing>) => b.blocks.map((x) => (x.kind === 'paragraph' ? `${x.lead ?? ''}${x.text}` : 'text' in x ? x.text : '')).join('\n');

describe('the briefing chart', () => {
  it('draws one bar per unit with its name and total, and rasterises 汉字 with the CJK font', () => {
    const svg = barChartSvg({ title: '综合得分', bars: [{ label: '城区', value: 73.66 }, { label: '晋城经济技术开发区', value: 63.33 }], max: 100 });
    expect(svg.match(new RegExp(`fill="${BAR_COLOUR}"`, 'g'))).toHaveLength(2);
    expect(svg).toContain('>73.66<');
    expect(svg).toContain('>城区<');
    const png = rasterise(svg, 1);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // the title's glyphs are drawn: dark pixels in the title band
    const img = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'] } }).render();
    const px = img.pixels;
    let dark = 0;
    for (let y = 15; y < 40; y++) for (let x = 0; x < img.width; x++) if (px[(y * img.width + x) * 4] < 100) dark++;
    expect(dark).toBeGreaterThan(50);
  });
});

describe('the briefing content', () => {
  it('lists the ranking in the order of the scores JSON, with I1–I4, D and movement', () => {
    const i = input();
    const b = buildBriefing(i);
    const table = b.blocks.find((x) => x.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    expect(table.rows.map((r) => r[1])).toEqual(i.ranking.units.map((u) => u.name));
    expect(table.rows[0]).toEqual(['1', '城区', '73.66', '20.91', '18.39', '16.00', '21.35', '3.00', '持平']);
    expect(b.blocks.some((x) => x.kind === 'chart')).toBe(true);
    expect(b.title).toBe('关于2023年12月危险废物领域重大事故隐患专项排查整治工作进展情况的通报');
    expect(b.office).toBe('晋城市危险废物领域重大事故隐患专项排查整治工作领导小组办公室');
  });

  it('states the city-wide progress from the dispatch figures', () => {
    const all = input().dispatch.cityWide;
    const found = all.A1 + all.A3 + all.A5 + all.A7;
    expect(text(buildBriefing(input()))).toContain(`全市共排查发现重大事故隐患${found}个`);
  });

  it('names the bottom units with their two weakest indicators and the deduction', () => {
    const t = text(buildBriefing(input()));
    expect(t).toContain('高平市（第7名，50.75分）');
    expect(t).toContain('扣14.00分');
  });

  it('groups overdue and missed hazards by unit and counts reconciliation differences', () => {
    const b = buildBriefing(input({
      trace: { month: '2023-12', asOf: '2023-12-31', lookBack: [],
        missed: [{ hazard: 'H-9', unit: '140525', foundOn: '2023-10-02', inspections: [] }],
        overdue: [{ hazard: 'H-1', unit: '140521', deadline: '2023-11-01', tracker: null, responsiblePerson: null }, { hazard: 'H-2', unit: '140521', deadline: '2023-11-02', tracker: null, responsiblePerson: null }] },
      reconciliations: [{ unit: '140521', differences: 2, items: ['A3', 'C6_closed'] }, { unit: '140502', differences: 0, items: [] }],
    }));
    const tables = b.blocks.filter((x) => x.kind === 'table');
    const byUnit = tables[1];
    if (byUnit.kind !== 'table') throw new Error('no table');
    expect(byUnit.rows).toEqual([['沁水县', '2', '0'], ['泽州县', '0', '1']]);
    expect(text(b)).toContain('沁水县：逾期未整改H-1、H-2。');
    expect(text(b)).toContain('泽州县：该发现而未发现H-9。');
    expect(text(b)).toContain('核对2个单位报送的2023年12月调度表，1个单位与台账不一致，共2项');
    expect(text(b)).toContain('沁水县：2项（总体情况第3项、部门精准严格执法情况第6项（关闭））');
  });

  it('says when the city sent no typical case that month', () => {
    expect(text(buildBriefing(input()))).toContain('晋城市2023年12月未上报执法典型案例');
    const withCase = buildBriefing(input({ typicalCases: [{ actionId: 'A1', unit: '140500', actedOn: '2023-12-05', enterpriseName: '某公司', crime: true, description: null }] }));
    expect(text(withCase)).toContain('1. 晋城市：2023年12月5日，某公司（危险作业罪案例）。');
  });

  it('words movement and finds the weakest indicators by share of full marks', () => {
    expect([null, { rankChange: 2 }, { rankChange: -1 }, { rankChange: 0 }].map(movementText)).toEqual(['—', '上升2位', '下降1位', '持平']);
    const u = input().ranking.units.find((x) => x.unit === '140581')!;
    expect(weakestParts(u, indicatorMax(DEFAULT_SCHEME)).map((w) => w.key)).toEqual(['I3', 'I1']);
  });
});
