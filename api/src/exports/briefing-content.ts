import type { CoverageJson, DispatchJson, TraceJson } from '../../../analytics/src/contracts.js';
import type { SchemeParams } from '../../../analytics/src/default-scheme.js';
import type { ScoresWithMovement } from './csv-exports.js';
import { barChartSvg, rasterise } from './briefing-chart.js';
import { coverageBlocks } from './briefing-coverage.js';
import {
  chineseMonth, deductionReason, indicatorMax, indicatorReason, INDICATORS, movementText, progressParagraphs,
  SUBMISSION_KINDS, weakestParts,
} from './briefing-text.js';
import { LAYOUT_BY_KEY } from './dispatch-layout.js';
import { formatDateLong } from '../common/chinese-format.js';

// The monthly briefing (通报) as content: headings, paragraphs, tables and the chart, in the order the
// office reads them. briefing-document.ts only lays this out, so the content is testable as text.

export const ISSUING_OFFICE = '晋城市危险废物领域重大事故隐患专项排查整治工作领导小组办公室';
export const ADDRESSEE = '各县（市、区）分局、开发区建设管理部，各相关科室（单位）：';
/** 版记's 抄送 when the request names none */
export const DEFAULT_COPY_TO = '市危险废物领域重大事故隐患专项排查整治工作领导小组各成员单位';

export interface LateSubmission { kind: string; period: string | null; due: string; submittedOn: string | null }
export interface TypicalCase { actionId: string; unit: string; actedOn: string; enterpriseName: string | null; crime: boolean; description: string | null }
/** items: the dispatch keys that differ */
export interface ReconciliationCount { unit: string; differences: number; items: string[] }

export interface BriefingInput {
  issuedOn: string;
  dispatch: DispatchJson;
  ranking: ScoresWithMovement;
  scheme: SchemeParams;
  trace: TraceJson;
  /** late or missing submissions by unit, where the analytics can list them */
  late: Record<string, LateSubmission[]>;
  /** typical enforcement cases dated in the month */
  typicalCases: TypicalCase[];
  /** the latest reconciliation of each unit's hand-filled table for the month */
  reconciliations: ReconciliationCount[];
  cityCode?: string;
  /** 发文字号, e.g. 晋危废专办〔2023〕7号 (document-numbers.ts) */
  docNumber?: string;
  /** set once the month's ranking is published: `ranking` is then the published one */
  published?: { publishedAt: string; schemeVersion: string } | null;
  /** 版记: 抄送 */
  copyTo?: string;
  /** inspection coverage as of the month's end (GET /api/coverage) */
  coverage?: CoverageJson;
}

export type Block =
  | { kind: 'heading'; text: string }
  /** list: running ledger numbers, set flush left (justified, their long tokens leave wide gaps);
   *  lead: a run-in 二级标题 (（一）…) before the text, set in its own font */
  | { kind: 'paragraph'; text: string; list?: boolean; lead?: string }
  /** widths: share of the text width per column (equal when absent); left: columns of running text */
  | { kind: 'table'; header: string[]; rows: string[][]; widths?: number[]; left?: number[] }
  | { kind: 'chart'; png: Buffer; width: number; height: number; title: string };

export interface Briefing {
  office: string;
  docNumber?: string;
  title: string;
  /** the month's ranking is not published yet: the document is marked 草稿 */
  draft: boolean;
  addressee: string;
  opening: string;
  blocks: Block[];
  date: string;
  /** 版记: 抄送, 印发机关 and 印发日期 */
  copyTo: string;
  printedOn: string;
}

const CHART = { width: 900, height: 420 };
/** "2023-09-02" → "9月2日": the year is the campaign's */
const shortDate = (iso: string) => formatDateLong(iso).replace(/^\d+年/, '');
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function buildBriefing(i: BriefingInput): Briefing {
  const month = i.dispatch.month;
  const names = new Map(i.dispatch.units.map((u) => [u.unit, u.name]));
  const name = (code: string) => names.get(code) ?? code;
  const blocks: Block[] = [];
  let section = 0;
  const heading = (text: string) => blocks.push({ kind: 'heading', text: `${NUMERALS[section++]}、${text}` });
  const para = (text: string) => blocks.push({ kind: 'paragraph', text });
  const max = indicatorMax(i.scheme);
  const full = Object.values(max).reduce((a, b) => a + b, 0);

  heading('总体进展情况');
  progressParagraphs(i.dispatch.cityWide, i.dispatch.asOf).forEach(para);

  heading('打分排队情况');
  para(`按照“打分排队”工作机制，对各县（市、区）、开发区${chineseMonth(month)}专项行动工作进行考核评分（满分${full}分），排名如下：`);
  para(rankingSource(i));
  blocks.push({
    kind: 'table',
    header: ['排名', '单位', '总分', ...INDICATORS.map((x) => `${x.name}（${x.key}）`), '扣分', '较上月'],
    // the unit's name on one line (晋城经济技术开发区 is nine characters)
    widths: [0.06, 0.23, 0.09, 0.1, 0.1, 0.1, 0.1, 0.09, 0.13],
    rows: i.ranking.units.map((u) => [String(u.rank), u.name, u.total.toFixed(2), u.I1.toFixed(2), u.I2.toFixed(2), u.I3.toFixed(2),
      u.I4.toFixed(2), u.D.toFixed(2), movementText(u.movement)]),
  });
  const chartTitle = `${chineseMonth(month)}各县（市、区）、开发区综合得分`;
  const svg = barChartSvg({ title: chartTitle, bars: i.ranking.units.map((u) => ({ label: u.name, value: u.total })), max: full, ...CHART });
  blocks.push({ kind: 'chart', png: rasterise(svg), ...CHART, title: chartTitle });

  heading('排名靠后单位及主要问题');
  const ranks = [...new Set(i.ranking.units.map((u) => u.rank))].sort((a, b) => b - a);
  const cut = ranks[Math.min(1, ranks.length - 1)];
  const bottom = i.ranking.units.filter((u) => u.rank >= cut);
  if (!bottom.length) para('本月无参与排名的单位。');
  for (const [k, u] of bottom.entries()) {
    const weak = weakestParts(u, max).map((w) => `${w.name}得${w.score.toFixed(2)}分（满分${w.max}分），${indicatorReason(w.key, u.parts)}`);
    const d = deductionReason(u);
    blocks.push({ kind: 'paragraph', lead: `（${NUMERALS[k]}）${u.name}（第${u.rank}名，${u.total.toFixed(2)}分）`, text: `：${weak.join('；')}${d ? `；${d}` : ''}。` });
  }

  heading('隐患逾期未整改和该发现而未发现情况');
  const units = [...new Set([...i.trace.overdue.map((o) => o.unit), ...i.trace.missed.map((m) => m.unit)])]
    .sort((a, b) => i.dispatch.units.findIndex((u) => u.unit === a) - i.dispatch.units.findIndex((u) => u.unit === b));
  para(`截至${formatDateLong(i.dispatch.asOf)}，全市逾期未整改重大事故隐患${i.trace.overdue.length}个，该发现而未发现重大事故隐患${i.trace.missed.length}个。`);
  if (units.length) {
    const overdue = (code: string) => i.trace.overdue.filter((x) => x.unit === code).map((x) => x.hazard).sort();
    const missed = (code: string) => i.trace.missed.filter((x) => x.unit === code).map((x) => x.hazard).sort();
    blocks.push({
      kind: 'table',
      header: ['单位', '逾期未整改（个）', '该发现而未发现（个）'],
      rows: units.map((code) => [name(code), String(overdue(code).length), String(missed(code).length)]),
    });
    // the ledger numbers run on as text: in a table cell each one would break over three lines
    for (const code of units) {
      const o = overdue(code);
      const m = missed(code);
      blocks.push({ kind: 'paragraph', list: true, text: `${name(code)}：${o.length ? `逾期未整改${o.join('、')}` : ''}${o.length && m.length ? '；' : ''}${m.length ? `该发现而未发现${m.join('、')}` : ''}。` });
    }
  }

  if (i.coverage) {
    heading('检查覆盖情况');
    blocks.push(...coverageBlocks(i.coverage));
  }

  heading('报送情况');
  const lateUnits = i.ranking.units.filter((u) => u.parts.late > 0);
  if (!lateUnits.length) para('各单位均按时报送。');
  else {
    para(`${lateUnits.length}个单位存在迟报、漏报情况：`);
    blocks.push({
      kind: 'table',
      header: ['单位', '迟报、漏报（次）', '明细'],
      widths: [0.2, 0.14, 0.66],
      left: [2],
      rows: lateUnits.map((u) => [u.name, String(u.parts.late), (i.late[u.unit] ?? []).map((l) =>
        `${SUBMISSION_KINDS[l.kind] ?? l.kind}${l.period ? `（${chineseMonth(l.period)}）` : ''}应于${shortDate(l.due)}前报送，${l.submittedOn ? `${shortDate(l.submittedOn)}报送` : '未报送'}`).join('；')]),
    });
  }

  heading('典型案例');
  if (!i.typicalCases.length) para(`${chineseMonth(month)}无单位公布典型执法案例。`);
  i.typicalCases.forEach((c, n) => para(`${n + 1}. ${name(c.unit)}：${formatDateLong(c.actedOn)}，${c.enterpriseName ?? ''}${c.description ? `，${c.description}` : ''}${c.crime ? '（危险作业罪案例）' : ''}。`));
  if (i.cityCode && !i.typicalCases.some((c) => c.unit === i.cityCode)) {
    para(`按照“市生态环境局每月至少上报1个安全生产重大隐患执法典型案例”的要求，${name(i.cityCode)}${chineseMonth(month)}未上报执法典型案例。`);
  }

  heading('调度表核对情况');
  const off = i.reconciliations.filter((r) => r.differences > 0);
  if (!i.reconciliations.length) para(`${chineseMonth(month)}未核对手填调度表。`);
  else {
    para(`核对${i.reconciliations.length}个单位报送的${chineseMonth(month)}调度表，${off.length ? `${off.length}个单位与台账不一致，共${off.reduce((a, r) => a + r.differences, 0)}项：` : '均与台账一致。'}`);
    const item = (key: string) => {
      const k = LAYOUT_BY_KEY.get(key);
      return k ? `${k.section.title}第${k.item.no}项${k.part ? `（${k.part}）` : ''}` : key;
    };
    for (const r of off) para(`${name(r.unit)}：${r.differences}项（${r.items.map(item).join('、')}），请对照台账如实填报。`);
  }

  return {
    office: ISSUING_OFFICE,
    docNumber: i.docNumber,
    draft: !i.published,
    title: `关于${chineseMonth(month)}危险废物领域重大事故隐患专项排查整治工作进展情况的通报`,
    addressee: ADDRESSEE,
    opening: `现将${chineseMonth(month)}全市危险废物领域重大事故隐患专项排查整治工作进展情况通报如下：`,
    blocks,
    date: formatDateLong(i.issuedOn),
    copyTo: i.copyTo ?? DEFAULT_COPY_TO,
    printedOn: formatDateLong(i.issuedOn),
  };
}

/** Where the ranking comes from: the published one (which later ledger corrections do not move), or live figures. */
function rankingSource(i: BriefingInput): string {
  const p = i.published;
  if (!p) return `本月排名尚未发布，下表为截至${formatDateLong(i.dispatch.asOf)}台账的实时计算结果，以发布的排名为准。`;
  return `下表为${formatDateLong(chinaDay(p.publishedAt))}发布的本月排名（评分方案${p.schemeVersion === 'default' ? '：默认方案' : `：${p.schemeVersion}`}），发布后台账的更正不改变本排名。`;
}

/** The calendar day in China of an instant (publishedAt is stored in UTC). */
const chinaDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));
