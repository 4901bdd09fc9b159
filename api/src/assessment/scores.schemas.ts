// The OpenAPI schemas of the ranking routes' answers, typed against what ScoresService and the scheme
// store return (analytics/src/json-schema.ts says how that keeps them in step).
import { DAY, MONTH, s, type Schema } from '../../../analytics/src/json-schema.js';
import { explanationListsSchema, scorePartsSchema, scoresJsonSchema } from '../../../analytics/src/contract-schemas.js';
import type { ScoreRow } from '../../../analytics/src/contracts.js';
import type { SchemeParams } from '../../../analytics/src/default-scheme.js';
import { STABILITY_WEIGHTS, type RankMove, type WeightStability } from '../../../analytics/src/stability.js';
import type { AuditCheckpoint } from '../audit/audit-checkpoints.js';
import type { PublishedRanking } from './publishing.js';
import type { Movement, RankChange } from './ranking-diff.js';
import type { Scheme } from './scheme-store.js';
import type { RankingAnswer, ScoresService } from './scores.service.js';
import type { RankingParent } from './ranking-peers.js';

type Answer<K extends keyof ScoresService> = ScoresService[K] extends (...a: never[]) => Promise<infer R> ? R : never;

const num = s.number();
const str = s.string();
const month = s.string(MONTH);

const movement = s.nullable(s.object<Movement>({
  rankChange: s.integer({ description: 'positive: moved up (its rank number fell)' }), totalChange: num,
}, { description: 'null: no ranking the month before' }));

const rowFields = {
  unit: str, name: str, rank: s.integer({ minimum: 1 }), total: num, I1: num, I2: num, I3: num, I4: num, D: num, parts: scorePartsSchema, movement,
};
const rankedRow = s.named('ScoreRowWithMovement', s.object<ScoreRow & { movement: Movement | null }>(rowFields));

const publishedMark = s.nullable(s.object<{ publishedAt: string; schemeVersion: string; dataDigest: string }>({ publishedAt: s.string({ format: 'date-time' }), schemeVersion: str, dataDigest: str }));

export const rankingSchema = s.named('Ranking', s.object<RankingAnswer>({
  month, asOf: s.string(DAY), scheme: str, units: s.array(rankedRow), published: publishedMark,
  parent: s.nullable(s.object<NonNullable<RankingParent>>({ code: str, name: str, level: s.enum(['province', 'city', 'county', 'zone']) }, { description: 'null: parent=all (every county-level unit)' })),
  total: s.integer({ description: 'county-level units under the parent, all pages' }), page: s.integer({ minimum: 1 }), pageSize: s.integer({ minimum: 1 }),
}));

export const trendSchema = s.array(s.object<Answer<'trend'>[number]>({ month, rank: s.integer(), total: num, I1: num, I2: num, I3: num, I4: num, D: num }));

const rankChange = s.object<RankChange>({
  unit: str, name: str, rankBefore: s.nullable(s.integer()), rankAfter: s.nullable(s.integer()), totalBefore: s.nullable(num), totalAfter: s.nullable(num),
});

export const whatIfSchema = s.named('WhatIf', s.object<Answer<'whatIf'>>({
  month, base: s.string({ description: 'the base scheme version' }), ranking: scoresJsonSchema, changes: s.array(rankChange),
}));

export const schemeParamsSchema = s.named('SchemeParams', s.object<SchemeParams>({
  I1: s.object<SchemeParams['I1']>({ rectified: num, onTime: num }), I2: s.object<SchemeParams['I2']>({ coverage: num, flagged: num }),
  I3: s.object<SchemeParams['I3']>({ penalised: num, enforcedRectified: num, cases: num }),
  I4: s.object<SchemeParams['I4']>({ main: num, member: num }), leaderRule: s.object<SchemeParams['leaderRule']>({ main: num, member: num }),
  deductions: s.object<SchemeParams['deductions']>({ late: num, missedFeedback: num, missedHazard: num, cap: num }),
  missedLookbackDays: s.integer(), emptyRatio: num, alertGraceDays: s.optional(s.integer()),
}));

export const schemeSchema = s.named('Scheme', s.object<Scheme>({
  version: str, basedOn: s.nullable(str), params: schemeParamsSchema, note: s.nullable(str), createdAt: s.string({ format: 'date-time' }),
}));

const checkpoint = s.nullable(s.object<AuditCheckpoint>({
  entries: s.integer(), headId: str, headHash: str, at: s.string({ format: 'date-time' }), reason: str, signature: str, source: s.optional(str),
}));

const publishedOf = <R>(ranking: Schema<R>) => s.object<PublishedRanking<R>>({
  month, schemeVersion: str, dataDigest: str, publishedAt: s.string({ format: 'date-time' }), publishedBy: str, auditCheckpoint: checkpoint, ranking,
});

export const publishedSchema = s.named('PublishedRanking', publishedOf(s.unknown('the ranking as published (ScoresJson)')));

export const publishedVsLiveSchema = s.named('PublishedVsLive', s.object<Answer<'publishedVsLive'>>({
  month, published: publishedOf(scoresJsonSchema), live: scoresJsonSchema,
  ledgerChanged: s.boolean({ description: 'the ledger changed since publishing' }), changes: s.array(rankChange),
}));

const moves = s.nullable(s.object<{ at: number; moves: RankMove[] }>({
  at: num, moves: s.array(s.object<RankMove>({ unit: str, name: str, rankBefore: s.integer(), rankAfter: s.integer() })),
}));

export const stabilitySchema = s.named('Stability', s.object<Answer<'stability'>>({
  month, base: str, step: num, bound: num,
  weights: s.array(s.object<WeightStability>({ key: s.enum(STABILITY_WEIGHTS), value: num, lower: num, upper: num, below: moves, above: moves })),
}));

export const unitScoreSchema = s.named('UnitScore', s.object<Answer<'unit'>>({
  month, asOf: s.string(DAY), scheme: str, ...rowFields, explanation: explanationListsSchema,
}));
