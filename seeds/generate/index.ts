// generateBundle: a deterministic, streaming generator of realistic ledger bundles (spec/bundle.md)
// at city, province or nation scale. The same seed gives byte-identical files.
import { isCountyLevel } from '../jincheng-units.js';
import { BundleWriter, type BundleFile, type RowSink } from './csv-sink.js';
import { GenContext, type Enterprise } from './context.js';
import { generateCounty, type CityWork } from './county.js';
import { PROFILES } from './profile.js';
import { Rng } from './prng.js';
import { Reservoir } from './reservoir.js';
import { makeUnitWork, writeLeaderInspections, writeSubmissions, writeSteering } from './unit-duties.js';
import { unitTree, walkUnits, type Scale, type UnitNode } from './unit-tree.js';

export type { Scale } from './unit-tree.js';

export interface GenerateOptions {
  scale: Scale;
  seed?: number;
  /** the bundle folder to write, unless `sink` takes the rows */
  outDir?: string;
  /** where the rows go instead of a bundle folder (e.g. database-sink.ts) */
  sink?: RowSink;
  /** called after each county-level unit with the rows written so far */
  onProgress?: (rows: number) => void;
}

export interface GenerateResult {
  rows: number;
  files: Record<string, number>;
}

const POOL = 64;

export async function generateBundle(opts: GenerateOptions): Promise<GenerateResult> {
  const seed = opts.seed ?? 1;
  if (!opts.sink && !opts.outDir) throw new Error('generateBundle: give outDir or sink');
  const w: RowSink = opts.sink ?? new BundleWriter(opts.outDir!);
  const ctx = new GenContext(w, PROFILES[opts.scale], seed);
  try {
    const roots = unitTree(opts.scale, seed);
    for (const u of walkUnits(roots)) w.row('units', [u.code, u.name, u.level, u.parentCode]);

    // a city's own records after its counties; a province's after its cities
    const doCity = async (node: UnitNode, upward: Reservoir<Enterprise>[]) => {
      const rng = new Rng(seed, `city:${node.code}`);
      const city: CityWork = { work: makeUnitWork(rng, ctx, node, 12), ents: new Reservoir(POOL) };
      for (const child of node.children) {
        if (!isCountyLevel(child.level)) continue;
        generateCounty(ctx, child, city, [city.ents, ...upward]);
        await w.drain(); // backpressure: the disk catches up before the next county
        opts.onProgress?.(w.total);
      }
      writeLeaderInspections(rng, ctx, city.work, city.ents.items);
      writeSubmissions(rng, ctx, city.work);
      writeSteering(rng, ctx, city.work, node.children, city.ents.items);
    };
    for (const root of roots) {
      if (root.level === 'city') {
        await doCity(root, []);
        continue;
      }
      const rng = new Rng(seed, `province:${root.code}`);
      const province = makeUnitWork(rng, ctx, root, 12);
      const pool = new Reservoir<Enterprise>(POOL);
      for (const city of root.children) await doCity(city, [pool]);
      writeLeaderInspections(rng, ctx, province, pool.items);
      writeSteering(rng, ctx, province, root.children, pool.items);
      await w.drain();
    }
  } catch (e) {
    w.abort();
    throw e;
  }
  const files: Record<BundleFile, number> = await w.close();
  return { rows: w.total, files };
}
