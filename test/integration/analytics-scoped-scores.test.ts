import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isDeepStrictEqual } from 'node:util';
import type { DataSource } from 'typeorm';
import type { ScoresJson } from '../../analytics/src/contracts.js';
import { DEFAULT_SCHEME } from '../../analytics/src/default-scheme.js';
import { AnalyticsEngine } from '../../analytics/src/engine.js';
import { freshDatabase, SAMPLE_MONTHS, type Engine, type TestDatabase } from '../support/databases.js';
import { loadSample } from '../support/load-sample.js';
import { describeWith } from '../support/requires.js';

// After an edit only the rankings of the touched units' parents are recomputed (engine.updatedScores,
// analytics/src/scoped-scores.ts), and the derived tables are kept up for the changed pairs, hazards,
// reporters and units only (analytics/src/prepare.ts upkeepDerived). Whatever it skips, the scores must
// equal a full recompute: random edits of several kinds, each followed by the incremental scores, compared with a full recompute on the same
// copy and, at the end, with a copy loaded whole. The sample has one parent; a second one is made by
// moving three of its county-level units under a new city, so that a scope leaves rankings out.
const MONTHS = SAMPLE_MONTHS;
const SECOND_PARENT = ['140525', '140581', '140597'];

/** A small seeded generator (mulberry32): the same edits on every run, different across seeds. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Edit = (ds: DataSource, r: () => number, n: number) => Promise<string>;

const pick = async (ds: DataSource, sql: string, r: () => number): Promise<Record<string, string>> => {
  const rows = (await ds.query(sql)) as Record<string, string>[];
  return rows[Math.floor(r() * rows.length)];
};
const day = (r: () => number) => `2023-${String(5 + Math.floor(r() * 8)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
const FINDINGS = ['no_leader_study', 'no_leader_inspection', 'no_duty_list', 'no_safety_staff', 'uncertified_special_work', 'outsourcing_chaos', 'no_drill'];

// Each kind of edit a user makes, written as the rows it writes (the change notes are the same as the API's).
const EDITS: Record<string, Edit> = {
  async 'rectify a hazard'(ds, r) {
    const h = await pick(ds, `SELECT ledger_no, found_on::text AS found_on FROM hazards WHERE rectified_on IS NULL ORDER BY ledger_no`, r);
    await ds.query(`UPDATE hazards SET rectified_on = $2::date + $3::int WHERE ledger_no = $1`, [h.ledger_no, h.found_on, Math.floor(r() * 60)]);
    return `rectified ${h.ledger_no}`;
  },
  async 'an inspection with findings'(ds, r, n) {
    const e = await pick(ds, `SELECT credit_code, unit_code FROM enterprises ORDER BY credit_code`, r);
    const unit = r() < 0.7 ? e.unit_code : (await pick(ds, `SELECT code FROM units ORDER BY code`, r)).code;
    const id = `T${n}`;
    const found = r() < 0.5 ? 0 : 1;
    await ds.transaction(async (m) => {
      await m.query(`INSERT INTO inspections (inspection_id, unit_code, enterprise_credit_code, inspected_on, signed_by, major_hazards_found)
        VALUES ($1, $2, $3, $4, ARRAY['检查员1'], $5)`, [id, unit, e.credit_code, day(r), found]);
      for (const f of FINDINGS.filter(() => r() < 0.3)) await m.query(`INSERT INTO findings (inspection_id, finding) VALUES ($1, $2)`, [id, f]);
    });
    return `inspection ${id} of ${e.credit_code} by ${unit}`;
  },
  async 'a correction of an inspection'(ds, r, n) {
    const i = await pick(ds, `SELECT inspection_id, unit_code, enterprise_credit_code FROM inspections c
      WHERE NOT EXISTS (SELECT 1 FROM inspections x WHERE x.corrects_inspection_id = c.inspection_id) ORDER BY inspection_id`, r);
    const id = `C${n}`;
    await ds.transaction(async (m) => {
      await m.query(`INSERT INTO inspections (inspection_id, unit_code, enterprise_credit_code, inspected_on, signed_by, major_hazards_found, corrects_inspection_id)
        VALUES ($1, $2, $3, $4, ARRAY['检查员2'], 0, $5)`, [id, i.unit_code, i.enterprise_credit_code, day(r), i.inspection_id]);
      for (const f of FINDINGS.filter(() => r() < 0.3)) await m.query(`INSERT INTO findings (inspection_id, finding) VALUES ($1, $2)`, [id, f]);
    });
    return `correction ${id} of ${i.inspection_id}`;
  },
  async "an inspection's findings removed"(ds, r) {
    const f = await pick(ds, `SELECT DISTINCT inspection_id FROM findings ORDER BY inspection_id`, r);
    await ds.query(`DELETE FROM findings WHERE inspection_id = $1`, [f.inspection_id]);
    return `findings of ${f.inspection_id} removed`;
  },
  async 'an action'(ds, r, n) {
    if (r() < 0.3) {
      const e = await pick(ds, `SELECT credit_code, unit_code FROM enterprises ORDER BY credit_code`, r);
      await ds.query(`INSERT INTO actions (action_id, unit_code, kind, acted_on, enterprise_credit_code) VALUES ($1, $2, 'typical_case', $3, $4)`,
        [`T${n}`, e.unit_code, day(r), e.credit_code]);
      return `typical case T${n} of ${e.unit_code}`;
    }
    // the first penalty of an enforcement hazard, by a unit of the other parent: it counts for the
    // hazard's own unit (I3 penalised), not for the unit that acted
    const h = await pick(ds, `SELECT ledger_no, unit_code, enterprise_credit_code FROM hazards WHERE source = 'enforcement'
      AND ledger_no NOT IN (SELECT hazard_ledger_no FROM actions WHERE kind = 'penalty' AND hazard_ledger_no IS NOT NULL) ORDER BY ledger_no`, r);
    const other = await pick(ds, `SELECT code FROM units WHERE level IN ('county', 'zone') AND (code = ANY($1::text[])) <> $2 ORDER BY code`
      .replace('$1', `'{${SECOND_PARENT.join(',')}}'`).replace('$2', String(SECOND_PARENT.includes(h.unit_code))), r);
    await ds.query(`INSERT INTO actions (action_id, unit_code, kind, acted_on, enterprise_credit_code, hazard_ledger_no, amount_wan)
      VALUES ($1, $2, 'penalty', '2023-12-20', $3, $4, 1)`, [`T${n}`, other.code, h.enterprise_credit_code, h.ledger_no]);
    return `penalty T${n} by ${other.code} on ${h.ledger_no} of ${h.unit_code}`;
  },
  async "an enterprise's unit"(ds, r) {
    const e = await pick(ds, `SELECT credit_code FROM enterprises ORDER BY credit_code`, r);
    const u = await pick(ds, `SELECT code FROM units WHERE level IN ('county', 'zone') ORDER BY code`, r);
    await ds.query(`UPDATE enterprises SET unit_code = $2 WHERE credit_code = $1`, [e.credit_code, u.code]);
    return `enterprise ${e.credit_code} to ${u.code}`;
  },
  async "a leader's inspection"(ds, r) {
    const l = await pick(ds, `SELECT unit_code, name FROM leaders ORDER BY unit_code, name`, r);
    await ds.query(`INSERT INTO leader_inspections (unit_code, leader_name, inspected_on) VALUES ($1, $2, $3)`, [l.unit_code, l.name, day(r)]);
    return `leader ${l.name}`;
  },
  async 'feedback on an assigned hazard'(ds, r, n) {
    const a = await pick(ds, `SELECT hazard_ledger_no, assigned_on::text AS assigned_on FROM assignments ORDER BY hazard_ledger_no`, r);
    await ds.query(`INSERT INTO feedback (hazard_ledger_no, feedback_on, document_no, progress) VALUES ($1, $2::date + $3::int, $4, '整改中')`,
      [a.hazard_ledger_no, a.assigned_on, 1 + Math.floor(r() * 90), `测试反馈${n}`]);
    return `feedback on ${a.hazard_ledger_no}`;
  },
  async 'a hazard the parent reported'(ds, r, n) {
    // enforcement by a county-level unit's parent at an enterprise of that unit: a missed_hazards candidate
    const e = await pick(ds, `SELECT e.credit_code, u.parent_code FROM enterprises e JOIN units u ON u.code = e.unit_code
      WHERE u.level IN ('county', 'zone') AND u.parent_code IS NOT NULL ORDER BY e.credit_code`, r);
    await ds.query(`INSERT INTO hazards (ledger_no, enterprise_credit_code, unit_code, source, found_on, deadline) VALUES ($1, $2, $3, 'enforcement', $4, $4::date + 30)`,
      [`HT-${n}`, e.credit_code, e.parent_code, day(r)]);
    return `hazard HT-${n} at ${e.credit_code} by ${e.parent_code}`;
  },
  async 'a hazard assigned'(ds, r) {
    const h = await pick(ds, `SELECT ledger_no, found_on::text AS found_on FROM hazards h WHERE closed_on IS NULL
      AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.hazard_ledger_no = h.ledger_no) ORDER BY ledger_no`, r);
    const u = await pick(ds, `SELECT code FROM units WHERE level IN ('county', 'zone') ORDER BY code`, r);
    await ds.query(`INSERT INTO assignments (hazard_ledger_no, unit_code, assigned_on) VALUES ($1, $2, $3::date + $4::int)`,
      [h.ledger_no, u.code, h.found_on, 1 + Math.floor(r() * 30)]);
    return `${h.ledger_no} assigned to ${u.code}`;
  },
  async 'an assigned hazard closed'(ds, r) {
    const h = await pick(ds, `SELECT h.ledger_no, greatest(h.found_on, a.assigned_on)::text AS after FROM assignments a
      JOIN hazards h ON h.ledger_no = a.hazard_ledger_no WHERE h.closed_on IS NULL ORDER BY h.ledger_no`, r);
    await ds.query(`UPDATE hazards SET rectified_on = coalesce(rectified_on, $2::date),
      closed_on = greatest(coalesce(rectified_on, $2::date), coalesce(listed_on, $2::date), $2::date + $3::int) WHERE ledger_no = $1`,
      [h.ledger_no, h.after, 7 + Math.floor(r() * 60)]);
    return `${h.ledger_no} closed`;
  },
  async 'a late submission'(ds, r) {
    const u = await pick(ds, `SELECT code FROM units WHERE level IN ('county', 'zone') ORDER BY code`, r);
    await ds.query(`INSERT INTO submissions (submitted_on, unit_code, kind, period) VALUES ($1, $2, 'monthly_report', $3)`,
      [day(r), u.code, `2023-${String(5 + Math.floor(r() * 8)).padStart(2, '0')}`]);
    return `submission of ${u.code}`;
  },
};

async function wholeFigures(t: TestDatabase) {
  const fresh = await AnalyticsEngine.create();
  try {
    await fresh.loadFromLedger(t.db.dataSource);
    return await fresh.figures(MONTHS, DEFAULT_SCHEME);
  } finally {
    await fresh.close();
  }
}

function suite(engineKind: Engine) {
  let t: TestDatabase;
  let engine: AnalyticsEngine;
  const full = () => engine.monthsScores(MONTHS, DEFAULT_SCHEME, 'default');

  beforeAll(async () => {
    t = await freshDatabase(engineKind);
    await loadSample(t.db.dataSource);
    await t.db.dataSource.query(`INSERT INTO units (code, name, level, parent_code) VALUES ('140600', '测试市', 'city', NULL)`);
    await t.db.dataSource.query(`UPDATE units SET parent_code = '140600' WHERE code = ANY($1::text[])`, [SECOND_PARENT]);
    engine = await AnalyticsEngine.create();
    await engine.loadFromLedger(t.db.dataSource);
  });
  afterAll(async () => {
    await engine?.close();
    await t?.drop();
  });

  it('recomputes any scope of touched units to the full scores', async () => {
    const all = await full();
    const ranked = new Set(all[0].units.map((u) => u.unit));
    expect(ranked.size).toBeGreaterThan(SECOND_PARENT.length);
    for (const touched of [[], ['140525'], ['140502'], ['140500'], ['140502', '140581'], [...ranked]]) {
      expect(await engine.updatedScores(MONTHS, DEFAULT_SCHEME, 'default', all, touched)).toEqual(all);
    }
    // a scope recomputes its parents' rankings: a wrong base outside them stays as it was
    const wrong: ScoresJson[] = all.map((s) => ({ ...s, units: s.units.map((u) => (SECOND_PARENT.includes(u.unit) ? { ...u, total: -1 } : u)) }));
    const updated = await engine.updatedScores(MONTHS, DEFAULT_SCHEME, 'default', wrong, ['140502']);
    expect(updated[7].units.filter((u) => u.total === -1).map((u) => u.unit).sort()).toEqual(SECOND_PARENT);
  });

  it.each([1, 2])('after random edits (seed %i), the incremental scores equal a full recompute', async (seed) => {
    const r = random(seed);
    const kinds = Object.keys(EDITS);
    let base = await full();
    const seen = new Set<string>();
    for (let n = 0; n < 18; n++) {
      const kind = n < kinds.length ? kinds[n] : kinds[Math.floor(r() * kinds.length)];
      const what = await EDITS[kind](t.db.dataSource, r, seed * 100 + n);
      const refreshed = await engine.refresh(t.db.dataSource);
      expect(refreshed.reloaded).toEqual([]);
      const touched = refreshed.touched;
      if (touched !== 'all') touched.forEach((u) => seen.add(u));
      const incremental = await engine.updatedScores(MONTHS, DEFAULT_SCHEME, 'default', base, touched);
      const whole = await full();
      if (!isDeepStrictEqual(incremental, whole)) throw new Error(`after ${kind} (${what}), touched ${JSON.stringify(touched)}: the incremental scores differ from a full recompute`);
      base = incremental;
      // the derived tables were kept up for the changed pairs (prepare.ts upkeepDerived), not rebuilt:
      // every figure, the dispatch tables' city-wide distinct counts included, equals a copy loaded whole
      if (['inspections', 'findings', 'enterprises', 'hazards', 'actions', 'assignments', 'feedback'].some((table) => table in refreshed.replaced)) {
        if (!isDeepStrictEqual(await engine.figures(MONTHS, DEFAULT_SCHEME), await wholeFigures(t))) {
          throw new Error(`after ${kind} (${what}): the figures on the kept-up derived tables differ from a copy loaded whole`);
        }
      }
    }
    // the edits reached both parents, and some edit touched only one of them
    expect([...seen].some((u) => SECOND_PARENT.includes(u))).toBe(true);
    expect([...seen].some((u) => !SECOND_PARENT.includes(u))).toBe(true);
    const fresh = await AnalyticsEngine.create();
    try {
      await fresh.loadFromLedger(t.db.dataSource);
      expect(base).toEqual(await fresh.monthsScores(MONTHS, DEFAULT_SCHEME, 'default'));
    } finally {
      await fresh.close();
    }
  });
}

describe('scoped scores after an edit (embedded)', () => suite('embedded'));
describeWith(['postgres'], 'scoped scores after an edit (PostgreSQL)', () => suite('postgres'));
