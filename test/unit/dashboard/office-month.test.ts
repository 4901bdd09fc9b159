// The 方案 page's and the ranking page's pure transforms: the what-if edit as the API's params, the
// moved units named from the API's changes, the published ranking beside the live one, the users' rows.
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SCHEME } from '../../../analytics/src/default-scheme.js';
import { compareRankings } from '../../../api/src/assessment/ranking-diff.js';
import type { ScoresJson } from '../../../analytics/src/contracts.js';
import { movedUnits, paramOf, paramsEdit, SCHEME_FIELDS } from '../../../dashboard/src/features/scheme/scheme-fields.js';
import { publishedRows } from '../../../dashboard/src/features/ranking/published-rows.js';
import { newUserBody, roleChangeBody, stateZh } from '../../../dashboard/src/features/users/user-rows.js';
import { ApiError } from '../../../dashboard/src/api/api-error.js';
import { refusalZh } from '../../../dashboard/src/ui/form/refusal-zh.js';

const row = (unit: string, rank: number, total: number) => ({ unit, name: `单位${unit}`, rank, total, I1: 0, I2: 0, I3: 0, I4: 0, D: 0, parts: {} as ScoresJson['units'][0]['parts'] });
const ranking = (units: ReturnType<typeof row>[]): ScoresJson => ({ month: '2023-08', asOf: '2023-08-31', scheme: 'default', units });

describe('the what-if edit', () => {
  it('names every parameter of the scheme with a Chinese meaning', () => {
    for (const f of SCHEME_FIELDS) expect({ key: f.key, value: typeof paramOf(DEFAULT_SCHEME, f.key) }).toEqual({ key: f.key, value: 'number' });
    expect(SCHEME_FIELDS.length).toBe(17);
  });

  it('sends only what differs from the base, nested as the scheme is', () => {
    const typed = { 'I1.rectified': '15', 'I4.main': '20', 'deductions.cap': '10', missedLookbackDays: '90' };
    expect(paramsEdit(DEFAULT_SCHEME, typed)).toEqual({ params: { I4: { main: 20 }, deductions: { cap: 10 }, missedLookbackDays: 90 } });
    expect(paramsEdit(DEFAULT_SCHEME, { 'I1.rectified': '15' })).toEqual({ params: {} });
  });

  it('refuses a value that is not a number ≥ 0, naming it', () => {
    expect(paramsEdit(DEFAULT_SCHEME, { 'I1.rectified': '-1' })).toEqual({ bad: 'I1.rectified' });
    expect(paramsEdit(DEFAULT_SCHEME, { 'I2.coverage': '' })).toEqual({ bad: 'I2.coverage' });
    expect(paramsEdit(DEFAULT_SCHEME, { 'I2.coverage': 'abc' })).toEqual({ bad: 'I2.coverage' });
  });
});

describe('movedUnits', () => {
  it('names the units of the API changes: rank moves first, by the rank under the edit, with the total change', () => {
    const before = ranking([row('A', 1, 90), row('B', 2, 80), row('C', 3, 70), row('D', 4, 60)]);
    const after = ranking([row('B', 1, 91.5), row('A', 2, 90), row('C', 3, 70.25), row('D', 4, 60)]);
    const moved = movedUnits(compareRankings(before, after));
    expect(moved).toEqual([
      { unit: 'B', name: '单位B', rankBefore: 2, rankAfter: 1, totalChange: 11.5, rankMoved: true },
      { unit: 'A', name: '单位A', rankBefore: 1, rankAfter: 2, totalChange: 0, rankMoved: true },
      { unit: 'C', name: '单位C', rankBefore: 3, rankAfter: 3, totalChange: 0.25, rankMoved: false },
    ]);
  });

  it('is empty when nothing moves', () => {
    const r = ranking([row('A', 1, 90)]);
    expect(movedUnits(compareRankings(r, r))).toEqual([]);
  });
});

describe('publishedRows', () => {
  it('keeps the published order and puts the live rank, total and difference beside', () => {
    const published = ranking([row('A', 1, 90), row('B', 2, 80)]);
    const live = ranking([row('B', 1, 92.1), row('A', 2, 90)]);
    const rows = publishedRows({ month: '2023-08', ledgerChanged: true, live, published: { month: '2023-08', schemeVersion: 'default', dataDigest: 'x', publishedAt: '2026-12-04T00:00:00.000Z', publishedBy: 'admin', auditCheckpoint: null, ranking: published } });
    expect(rows).toEqual([
      { unit: 'A', name: '单位A', rank: 1, total: 90, liveRank: 2, liveTotal: 90, difference: 0 },
      { unit: 'B', name: '单位B', rank: 2, total: 80, liveRank: 1, liveTotal: 92.1, difference: 12.1 },
    ]);
  });
});

describe('users', () => {
  it('sends the unit only for a unit-bound role', () => {
    expect(newUserBody({ username: 'u1', role: 'viewer', unitCode: '140525', password: 'p' })).toEqual({ username: 'u1', role: 'viewer', password: 'p' });
    expect(newUserBody({ username: 'u1', role: 'county_branch', unitCode: '140525', password: 'p' })).toEqual({ username: 'u1', role: 'county_branch', password: 'p', unitCode: '140525' });
  });
  it('calls a user without the disabled flag enabled', () => {
    expect(stateZh({ id: 1, username: 'a', role: 'viewer', unitCode: null, createdAt: '' })).toBe('启用');
    expect(stateZh({ id: 1, username: 'a', role: 'viewer', unitCode: null, createdAt: '', disabled: true })).toBe('停用');
  });
});

describe('password refusals', () => {
  it('says the whole password rule in Chinese whatever part failed, beside the field the API names', () => {
    for (const message of ['newPassword: the password must have at least 12 characters', 'password: the password is a common password', 'password: one repeated character']) {
      expect(refusalZh(new ApiError(400, 'WEAK_PASSWORD', message, 'newPassword'))).toBe('密码过于简单：至少12个字符，不能是常见密码或同一字符重复');
    }
    expect(refusalZh(new ApiError(400, 'PASSWORD_MISMATCH', 'the two new passwords differ', 'confirmPassword'))).toBe('两次输入的新密码不一致');
  });
});

describe('a new role or unit for a user (PATCH /api/users/:username)', () => {
  const clerk = { role: 'county_branch' as const, unitCode: '140525' };
  it('sends only what changes', () => {
    expect(roleChangeBody(clerk, { role: 'county_branch', unitCode: '140525' })).toEqual({});
    expect(roleChangeBody(clerk, { role: 'inspector', unitCode: '140525' })).toEqual({ role: 'inspector' });
    expect(roleChangeBody(clerk, { role: 'county_branch', unitCode: '140581' })).toEqual({ unitCode: '140581' });
  });
  it('clears the unit for a city role, and sends a unit left chosen with one for the API to refuse', () => {
    expect(roleChangeBody(clerk, { role: 'viewer' })).toEqual({ role: 'viewer', unitCode: null });
    expect(roleChangeBody(clerk, { role: 'viewer', unitCode: '140525' })).toEqual({ role: 'viewer', unitCode: '140525' });
    expect(roleChangeBody({ role: 'viewer', unitCode: null }, { role: 'county_branch' })).toEqual({ role: 'county_branch' });
    // the address: set, changed, emptied (removed), or left out of the form (kept)
    expect(roleChangeBody({ ...clerk, email: null }, { role: 'county_branch', unitCode: '140525', email: 'zz@zezhou.example' })).toEqual({ email: 'zz@zezhou.example' });
    expect(roleChangeBody({ ...clerk, email: 'zz@zezhou.example' }, { role: 'county_branch', unitCode: '140525', email: '' })).toEqual({ email: null });
    expect(roleChangeBody({ ...clerk, email: 'zz@zezhou.example' }, { role: 'county_branch', unitCode: '140525', email: 'zz@zezhou.example' })).toEqual({});
    expect(roleChangeBody({ ...clerk, email: 'zz@zezhou.example' }, { role: 'county_branch', unitCode: '140525' })).toEqual({});
  });
});
