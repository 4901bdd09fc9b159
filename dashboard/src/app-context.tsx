import { createContext, useContext, type ReactNode } from 'react';
import type { Campaign, Unit, User } from './api/types.js';
import { CITY_ROLES } from './labels.js';
import { pickMonth, todayCst } from './months.js';
import { setSearch, useLocation } from './router.js';

export interface AppData {
  user: User;
  /** every campaign, in the order of their months */
  campaigns: Campaign[];
  /** the campaign the page shows (pickCampaign): its months are the month picker's */
  campaign: Campaign;
  units: Unit[];
  signOut: () => void;
}

const Ctx = createContext<AppData | null>(null);

export function AppDataProvider({ value, children }: { value: AppData; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAppData(): AppData {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAppData outside AppDataProvider');
  return v;
}

/** Who sees what (domain.md section 3): city roles read all; a unit's users their own unit's pages. */
export function isCityUser(u: User): boolean {
  return CITY_ROLES.includes(u.role);
}

export function mayReadUnit(u: User, unit: string): boolean {
  return isCityUser(u) || u.unitCode === unit;
}

export function useUnitName(): (code: string | null | undefined) => string {
  const { units } = useAppData();
  return (code) => {
    if (!code) return '–';
    if (code === 'ALL') return '全市';
    return units.find((u) => u.code === code)?.name ?? code;
  };
}

/** county-level units (county and zone) under the city: the ones scored and ranked */
export function countyUnits(units: Unit[]): Unit[] {
  return units.filter((u) => u.level === 'county' || u.level === 'zone');
}

/** the page's month (?month=), defaulting to the last ended assessed month, and a setter */
export function useMonth(): [string, (m: string) => void] {
  const { campaign } = useAppData();
  const { search } = useLocation();
  const month = pickMonth(campaign.months, search.get('month'), todayCst());
  return [month, (m: string) => setSearch({ month: m })];
}
