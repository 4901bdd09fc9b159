import { DEFAULT_SCHEME, type SchemeParams } from '../../../analytics/src/default-scheme.js';
import { AnalyticsEngine } from '../../../analytics/src/engine.js';
import type { ScoreRow } from '../../../analytics/src/contracts.js';
import { freshDatabase, type TestDatabase } from '../../support/databases.js';

// Hand-made ledgers for the edge rules of domain.md sections 5–7: a few rows each, written to a real
// (embedded) ledger database and copied into the engine the way production does. One database and
// one engine per test file; `reset` empties the ledger (the campaign row of the migration stays:
// start 2023-04-25, assessed months 2023-05 … 2023-12).

type Row = Record<string, unknown>;

// Values for the required columns a test does not care about.
const DEFAULTS: Record<string, Row> = {
  enterprises: { industry: 'steel', risk_level: 'general', high_risk: false },
  hazards: { source: 'self_check' },
  inspections: { signed_by: ['检查员甲'], major_hazards_found: 0 },
  actions: { persons: 1, crime: false },
  feedback: { document_no: '环发〔2023〕1号' },
};

const TABLES = ['submissions', 'drills', 'feedback', 'assignments', 'leader_inspections', 'leaders', 'actions',
  'hazards', 'findings', 'inspections', 'enterprises', 'units'];

/** An 18-character credit code for enterprise n (the database checks the length only). */
export function ent(n: number): string {
  return `E${String(n).padStart(17, '0')}`;
}

/** The city C0 with two counties K1, K2 and a zone Z1: the four county-level units are peers. */
export const UNITS: Row[] = [
  { code: 'C0', name: '市', level: 'city', parent_code: null },
  { code: 'K1', name: '县一', level: 'county', parent_code: 'C0' },
  { code: 'K2', name: '县二', level: 'county', parent_code: 'C0' },
  { code: 'Z1', name: '开发区', level: 'zone', parent_code: 'C0' },
];

export class TinyLedger {
  private constructor(readonly db: TestDatabase, readonly engine: AnalyticsEngine) {}

  static async open(): Promise<TinyLedger> {
    const db = await freshDatabase('embedded');
    return new TinyLedger(db, await AnalyticsEngine.create());
  }

  /** Empties the ledger, writes `rows` (table → rows, in foreign-key order), and reloads the engine. */
  async given(rows: Record<string, Row[]>): Promise<void> {
    const ds = this.db.db.dataSource;
    await ds.query(`TRUNCATE ${TABLES.join(', ')} CASCADE`);
    const all = { units: UNITS, ...rows };
    const order = [...TABLES].reverse().filter((t) => all[t as keyof typeof all]);
    for (const table of order) {
      for (const r of all[table as keyof typeof all] as Row[]) {
        const row = { ...DEFAULTS[table], ...r };
        const cols = Object.keys(row);
        await ds.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
          cols.map((c) => row[c]));
      }
    }
    await this.engine.loadFromLedger(ds);
  }

  /** One unit's score row for `month`. */
  async score(unit: string, month: string, scheme: SchemeParams = DEFAULT_SCHEME): Promise<ScoreRow> {
    const row = (await this.engine.scores(month, scheme)).units.find((u) => u.unit === unit);
    if (!row) throw new Error(`no score for ${unit}`);
    return row;
  }

  async close(): Promise<void> {
    await this.engine.close();
    await this.db.drop();
  }
}
