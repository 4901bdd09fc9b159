import { describe, expect, it } from '@jest/globals';
import { UnitTree, type UnitRow } from '../../../api/src/assessment/ranking-peers.js';

// Whose ranking GET /api/scores opens on, and which units a parent's ranking holds, on a two-city province.
const u = (code: string, level: UnitRow['level'], parentCode: string | null): UnitRow => ({ code, name: code, level, parentCode });
const PROVINCE = [
  u('140000', 'province', null),
  u('140500', 'city', '140000'), u('140525', 'county', '140500'), u('140500KF', 'zone', '140500'),
  u('140100', 'city', '140000'), u('140105', 'county', '140100'),
  u('150000', 'province', null), u('150100', 'city', '150000'), u('150102', 'county', '150100'),
];

describe('ranking peers', () => {
  const tree = new UnitTree(PROVINCE);

  it("opens on the user's city: a county's parent, a city's self, the first city by code under a province or for no unit", () => {
    expect(tree.homeParent('140525')?.code).toBe('140500');
    expect(tree.homeParent('140500KF')?.code).toBe('140500');
    expect(tree.homeParent('140500')?.code).toBe('140500');
    expect(tree.homeParent('150000')?.code).toBe('150100');
    expect(tree.homeParent(null)?.code).toBe('140100');
    expect(tree.homeParent('140100')?.code).toBe('140100'); // asked twice: the same answer from the memo
    expect(new UnitTree([u('140525', 'county', null)]).homeParent(null)).toBeUndefined();
  });

  it("holds a city's county-level units, and a province's through its cities", () => {
    expect([...tree.peersUnder({ code: '140500' })].sort()).toEqual(['140500KF', '140525']);
    expect([...tree.peersUnder({ code: '140000' })].sort()).toEqual(['140105', '140500KF', '140525']);
    expect([...tree.peersUnder({ code: '140525' })]).toEqual([]);
  });
});
