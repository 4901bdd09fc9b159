import type { DataSource } from 'typeorm';
import { LISTED_LABEL } from '../common/labels.js';
import type { CsvValue } from '../exports/csv.js';
import { columnsCsv, hazardState, type Column } from '../exports/chinese-columns.js';
import { hazardsAsOf } from '../exports/csv-exports.js';

// 三公开: what the public may read of a released month — per unit, each hazard's ledger number,
// enterprise, category, listing, deadline and state, as the ledger stood at the month's end. A public row
// is built from the allow-list below and nothing else: the ledger row also holds the tracker, the
// responsible person, the closer and the description (which may name people), and a field added to the
// ledger later stays private until someone adds it here.

/** one hazard as the public reads it */
export interface PublicHazard {
  ledgerNo: string;
  enterprise: string;
  category: string | null;
  /** 县级挂牌 / 市级挂牌 / 政府挂牌, or null when not listed */
  listing: string | null;
  deadline: string | null;
  /** 未整改, 未整改（逾期）, 已整改, 已办结销号 */
  state: string;
}

export interface PublicUnit { unit: string; name: string; hazards: PublicHazard[] }

/** GET /api/public/hazards: the released month's list, unit by unit in code order */
export interface PublicHazards {
  month: string;
  asOf: string;
  releasedAt: string;
  units: PublicUnit[];
}

type LedgerRow = Record<string, CsvValue>;

/** the allow-list: each public field and where it comes from */
const PUBLIC_FIELDS: { [K in keyof PublicHazard]: (r: LedgerRow, asOf: string) => PublicHazard[K] } = {
  ledgerNo: (r) => String(r.ledger_no),
  enterprise: (r) => String(r.enterprise_name),
  category: (r) => (r.category as string | null) ?? null,
  listing: (r) => (typeof r.listed_level === 'string' ? LISTED_LABEL[r.listed_level as keyof typeof LISTED_LABEL] ?? r.listed_level : null),
  deadline: (r) => (r.deadline as string | null) ?? null,
  state: (r, asOf) => hazardState(r, asOf),
};

export function publicHazard(r: LedgerRow, asOf: string): PublicHazard {
  return Object.fromEntries(Object.entries(PUBLIC_FIELDS).map(([k, f]) => [k, f(r, asOf)])) as unknown as PublicHazard;
}

export async function publicHazards(ds: DataSource, month: string, asOf: string, releasedAt: string): Promise<PublicHazards> {
  const rows = await hazardsAsOf(ds, asOf);
  const byUnit = new Map<string, PublicUnit>();
  for (const r of [...rows].sort((a, b) => String(a.unit_code).localeCompare(String(b.unit_code)) || String(a.ledger_no).localeCompare(String(b.ledger_no)))) {
    const code = String(r.unit_code);
    if (!byUnit.has(code)) byUnit.set(code, { unit: code, name: String(r.unit_name), hazards: [] });
    byUnit.get(code)!.hazards.push(publicHazard(r, asOf));
  }
  return { month, asOf, releasedAt, units: [...byUnit.values()] };
}

type Flat = PublicHazard & { unitName: string };
const PUBLIC_COLUMNS: Column<Flat>[] = [
  { header: '单位', value: (r) => r.unitName },
  { header: '台账编号', value: (r) => r.ledgerNo },
  { header: '企业名称', value: (r) => r.enterprise },
  { header: '隐患类别', value: (r) => r.category },
  { header: '挂牌督办', value: (r) => r.listing ?? '未挂牌' },
  { header: '整改期限', value: (r) => r.deadline },
  { header: '整改状态', value: (r) => r.state },
];

export function publicHazardsCsv(p: PublicHazards): string {
  return columnsCsv(PUBLIC_COLUMNS, p.units.flatMap((u) => u.hazards.map((h) => ({ ...h, unitName: u.name }))));
}
