// How busy a ledger is, per scale. The city scale is sample-like (a few hundred hazards and
// inspections, quick to import in a test); province and nation are load-test sizes from the brief
// (~50 ledger rows per enterprise: routine inspections of risky enterprises, repeated drills,
// more self-check findings), with the same shape of distributions.
import type { Scale } from './unit-tree.js';

export interface Profile {
  /** enterprises per county-level unit: lognormal median and spread, clipped */
  entsMedian: number;
  entsSigma: number;
  entsMin: number;
  entsMax: number;
  /** mean routine county inspections per in-scope enterprise over May–Dec, besides the Jul–Aug sweep */
  routinePerEnt: number;
  /** mean self-check hazards per in-scope enterprise */
  selfCheckPerEnt: number;
  /** chance that one inspection in the enforcement months finds a major hazard (less outside them) */
  inspectionHitRate: number;
  /** mean drills per enterprise beyond the required ones */
  extraDrills: number;
  /** mean public-report and superior-assignment hazards per 100 enterprises */
  publicPer100: number;
  superiorPer100: number;
}

export const PROFILES: Readonly<Record<Scale, Profile>> = {
  city: {
    entsMedian: 112, entsSigma: 0.2, entsMin: 80, entsMax: 150,
    routinePerEnt: 0.3, selfCheckPerEnt: 0.25, inspectionHitRate: 0.08, extraDrills: 0.3,
    publicPer100: 2, superiorPer100: 2,
  },
  province: {
    entsMedian: 180, entsSigma: 0.6, entsMin: 20, entsMax: 1500,
    routinePerEnt: 26, selfCheckPerEnt: 3, inspectionHitRate: 0.06, extraDrills: 10,
    publicPer100: 10, superiorPer100: 10,
  },
  nation: {
    entsMedian: 160, entsSigma: 0.6, entsMin: 20, entsMax: 1500,
    routinePerEnt: 26, selfCheckPerEnt: 3, inspectionHitRate: 0.06, extraDrills: 10,
    publicPer100: 10, superiorPer100: 10,
  },
};

/** bytes a row takes on disk, measured on generated bundles (UTF-8 Chinese text included) */
export const BYTES_PER_ROW = 80;

/** rows we expect for a scale, for the disk check before writing */
export const EXPECTED_ROWS: Readonly<Record<Scale, number>> = {
  city: 5_000,
  province: 1_000_000,
  nation: 25_000_000,
};
