// The default scheme of domain.md section 6, kept as data so that a new version can change it without
// a code change, and an old ranking can be recomputed under the version it was published with.
export interface SchemeParams {
  I1: { rectified: number; onTime: number };
  I2: { coverage: number; flagged: number };
  I3: { penalised: number; enforcedRectified: number; cases: number };
  I4: { main: number; member: number };
  // leader inspections a month that meet the rule, by role
  leaderRule: { main: number; member: number };
  deductions: { late: number; missedFeedback: number; missedHazard: number; cap: number };
  // 该发现而未发现: a clean-signed inspection this many days before the city's finding (d−N … d−1)
  missedLookbackDays: number;
  // r(a, 0) for the ratios that the spec defines as 1 when nothing was due
  emptyRatio: number;
  // days an alert may stay open after its due date before it escalates; absent = 3
  alertGraceDays?: number;
}

export const DEFAULT_SCHEME: SchemeParams = {
  I1: { rectified: 15, onTime: 10 },
  I2: { coverage: 20, flagged: 5 },
  I3: { penalised: 10, enforcedRectified: 10, cases: 5 },
  I4: { main: 12.5, member: 12.5 },
  leaderRule: { main: 1, member: 2 },
  deductions: { late: 1, missedFeedback: 0.5, missedHazard: 2, cap: 20 },
  missedLookbackDays: 120,
  emptyRatio: 1,
};
