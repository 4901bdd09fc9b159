// Whose ranking a reader asks for (domain.md section 2): county-level units are ranked against the
// other county-level units under the same parent (Jincheng: the seven under 140500). GET /api/scores
// serves one parent's peers; the whole ledger's county-level units only when asked (`parent=all`).

export interface UnitRow {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'zone';
  parentCode: string | null;
}

/** The parent named in an answer; null: every county-level unit of the ledger (`parent=all`). */
export type RankingParent = Pick<UnitRow, 'code' | 'name' | 'level'> | null;

export const ALL_PARENTS = 'all';

const isCountyLevel = (u: UnitRow): boolean => u.level === 'county' || u.level === 'zone';

/** The unit tree, read once for each state of the analytics copy (an import may change it). */
export class UnitTree {
  private readonly byCode = new Map<string, UnitRow>();
  private readonly children = new Map<string, UnitRow[]>();

  constructor(rows: readonly UnitRow[]) {
    for (const u of rows) {
      this.byCode.set(u.code, u);
      if (u.parentCode !== null) {
        const list = this.children.get(u.parentCode) ?? [];
        list.push(u);
        this.children.set(u.parentCode, list);
      }
    }
  }

  get(code: string): UnitRow | undefined {
    return this.byCode.get(code);
  }

  /**
   * The parent a user's ranking opens on: the user's city (the parent of a county-level user's unit,
   * a city user's own unit). A user bound to no unit (the city roles as usually created) or to a
   * province gets the first city by code under it: in a city's deployment, the city. Undefined when the
   * ledger holds no city (then the whole ledger is the ranking).
   */
  homeParent(unit: string | null): UnitRow | undefined {
    // asked on every GET /api/scores without a parent: found once for each unit (a nation has 3,200 units)
    if (!this.homes.has(unit)) this.homes.set(unit, this.findHomeParent(unit));
    return this.homes.get(unit);
  }

  private readonly homes = new Map<string | null, UnitRow | undefined>();

  private findHomeParent(unit: string | null): UnitRow | undefined {
    const own = unit === null ? undefined : this.byCode.get(unit);
    if (own && isCountyLevel(own)) return own.parentCode === null ? undefined : this.byCode.get(own.parentCode);
    if (own?.level === 'city') return own;
    const cities = [...this.byCode.values()].filter((u) => u.level === 'city' && (!own || this.isUnder(u, own.code)));
    return cities.sort((a, b) => (a.code < b.code ? -1 : 1))[0];
  }

  /**
   * The county-level units ranked under `parent`: a city's own; a province's, those of its cities
   * (each still ranked among its city's peers). A county-level unit has no peers under it.
   */
  peersUnder(parent: Pick<UnitRow, 'code'>): Set<string> {
    const out = new Set<string>();
    const walk = (code: string) => {
      for (const c of this.children.get(code) ?? []) {
        if (isCountyLevel(c)) out.add(c.code);
        else walk(c.code);
      }
    };
    walk(parent.code);
    return out;
  }

  private isUnder(u: UnitRow, ancestor: string): boolean {
    for (let p = u.parentCode; p !== null; p = this.byCode.get(p)?.parentCode ?? null) if (p === ancestor) return true;
    return false;
  }
}
