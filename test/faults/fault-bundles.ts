import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { generateBundle } from '../../seeds/generate/index.js';
import { BUNDLE_COLUMNS, csvField, type BundleFile } from '../../seeds/generate/csv-sink.js';
import { SAMPLE_BUNDLE } from '../support/databases.js';

// Bundles for the fault tests, built from the seed generator. A city-scale bundle imports in about a
// second, too quickly to kill it at many distinct points, and two seeds of it reuse the same ledger
// numbers and ids (they would be corrections of each other, some refused). So a large bundle is several
// city-scale ledgers with their own keys: copy k prefixes every ledger number, inspection id and action
// id with `G<k>-` and suffixes its leaders' names with k; credit codes are random per seed and are
// checked to be disjoint. The sample uses other ids (I00001, A00001) and ledger numbers without the
// prefix, so a large bundle imports onto the sample as new rows only.

type Rows = string[][];
type Tables = Record<BundleFile, Rows>;

const FILES = Object.keys(BUNDLE_COLUMNS) as BundleFile[];

function readTables(dir: string): Tables {
  const out = {} as Tables;
  for (const f of FILES) {
    const p = path.join(dir, `${f}.csv`);
    const rows = fs.existsSync(p) ? (parse(fs.readFileSync(p, 'utf8').replace(/\r\n/g, '\n'), { bom: true, skip_empty_lines: true }) as Rows) : [];
    const header = rows.shift() ?? [...BUNDLE_COLUMNS[f]];
    if (header.join(',') !== BUNDLE_COLUMNS[f].join(',')) throw new Error(`${p}: columns ${header.join(',')} are not the generator's`);
    out[f] = rows;
  }
  return out;
}

/** Writes the tables as a bundle folder (files without rows are left out, units.csv always written). */
export function writeTables(dir: string, tables: Partial<Tables>): number {
  fs.mkdirSync(dir, { recursive: true });
  let rows = 0;
  for (const f of FILES) {
    const t = tables[f] ?? [];
    if (t.length === 0 && f !== 'units') continue;
    const lines = [BUNDLE_COLUMNS[f].join(','), ...t.map((r) => r.map(csvField).join(','))];
    fs.writeFileSync(path.join(dir, `${f}.csv`), lines.join('\n') + '\n');
    rows += t.length;
  }
  return rows;
}

const col = (f: BundleFile, name: string): number => (BUNDLE_COLUMNS[f] as readonly string[]).indexOf(name);

/** Gives copy `tag` of a generated ledger keys of its own (see the comment at the top). */
function relabel(t: Tables, k: number): Tables {
  const tag = `G${k}-`;
  const id = (v: string) => (v ? tag + v : v);
  const edit = (f: BundleFile, columns: string[], fn: (v: string) => string) => {
    const idx = columns.map((c) => col(f, c));
    t[f] = t[f].map((r) => r.map((v, i) => (idx.includes(i) ? fn(v) : v)));
  };
  edit('hazards', ['ledger_no', 'inspection_id'], id);
  edit('inspections', ['inspection_id'], id);
  edit('findings', ['inspection_id'], id);
  edit('actions', ['action_id', 'hazard_ledger_no'], id);
  edit('assignments', ['hazard_ledger_no'], id);
  edit('feedback', ['hazard_ledger_no'], id);
  edit('leaders', ['name'], (v) => `${v}${k}`);
  edit('leader_inspections', ['leader_name'], (v) => `${v}${k}`);
  return t;
}

function creditCodes(t: Tables): string[] {
  return t.enterprises.map((r) => r[col('enterprises', 'credit_code')]);
}

/**
 * `copies` city-scale ledgers (seeds firstSeed, firstSeed+1, …) with keys of their own, as one bundle
 * in a new temporary folder. Fails when two copies (or a copy and the sample) share a credit code.
 */
export async function largeBundle(copies: number, firstSeed: number): Promise<{ dir: string; rows: number }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-large-gen-'));
  const taken = new Set(readTables(SAMPLE_BUNDLE).enterprises.map((r) => r[0]));
  const merged = {} as Tables;
  for (const f of FILES) merged[f] = [];
  try {
    for (let k = 1; k <= copies; k++) {
      const out = path.join(work, String(k));
      await generateBundle({ scale: 'city', seed: firstSeed + k - 1, outDir: out });
      const t = relabel(readTables(out), k);
      for (const code of creditCodes(t)) {
        if (taken.has(code)) throw new Error(`seed ${firstSeed + k - 1}: credit code ${code} is already in another copy or the sample; choose other seeds`);
        taken.add(code);
      }
      for (const f of FILES) if (f !== 'units' || k === 1) merged[f].push(...t[f]);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  // the rows keyed by all their columns (submissions, a leader inspection without an enterprise) can repeat across copies
  for (const f of FILES) {
    const seen = new Set<string>();
    merged[f] = merged[f].filter((r) => {
      const key = JSON.stringify(r);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-large-'));
  return { dir, rows: writeTables(dir, merged) };
}

/**
 * The records of one county-level unit in a generated ledger, as a bundle of its own: its enterprises,
 * the hazards, inspections, actions, leaders, leader inspections and submissions it records, and what
 * hangs on them (findings, assignments, feedback, drills). Records that name an enterprise or unit
 * record outside the unit are left out (with what hangs on them), so two units' bundles share only
 * units.csv.
 */
export function unitBundle(fromDir: string, unit: string, outDir: string): number {
  const t = readTables(fromDir);
  const get = (f: BundleFile, r: string[], c: string) => r[col(f, c)];
  const ents = new Set(t.enterprises.filter((r) => get('enterprises', r, 'unit_code') === unit).map((r) => get('enterprises', r, 'credit_code')));
  const entOk = (code: string) => code === '' || ents.has(code);
  const enterprises = t.enterprises.filter((r) => ents.has(get('enterprises', r, 'credit_code')) && entOk(get('enterprises', r, 'parent_credit_code')));
  const inspections = t.inspections.filter((r) => get('inspections', r, 'unit_code') === unit && entOk(get('inspections', r, 'enterprise_credit_code')));
  const inspectionIds = new Set(inspections.map((r) => get('inspections', r, 'inspection_id')));
  const hazards = t.hazards.filter((r) => get('hazards', r, 'unit_code') === unit && ents.has(get('hazards', r, 'enterprise_credit_code'))
    && (get('hazards', r, 'inspection_id') === '' || inspectionIds.has(get('hazards', r, 'inspection_id'))));
  const ledgerNos = new Set(hazards.map((r) => get('hazards', r, 'ledger_no')));
  const hazardOk = (no: string) => no === '' || ledgerNos.has(no);
  const leaders = t.leaders.filter((r) => get('leaders', r, 'unit_code') === unit);
  const tables: Partial<Tables> = {
    units: t.units,
    enterprises,
    hazards,
    inspections,
    findings: t.findings.filter((r) => inspectionIds.has(get('findings', r, 'inspection_id'))),
    actions: t.actions.filter((r) => get('actions', r, 'unit_code') === unit && entOk(get('actions', r, 'enterprise_credit_code')) && hazardOk(get('actions', r, 'hazard_ledger_no'))),
    leaders,
    leader_inspections: t.leader_inspections.filter((r) => get('leader_inspections', r, 'unit_code') === unit && entOk(get('leader_inspections', r, 'enterprise_credit_code'))),
    assignments: t.assignments.filter((r) => ledgerNos.has(get('assignments', r, 'hazard_ledger_no'))),
    feedback: t.feedback.filter((r) => ledgerNos.has(get('feedback', r, 'hazard_ledger_no'))),
    drills: t.drills.filter((r) => ents.has(get('drills', r, 'enterprise_credit_code'))),
    submissions: t.submissions.filter((r) => get('submissions', r, 'unit_code') === unit),
  };
  return writeTables(outDir, tables);
}
