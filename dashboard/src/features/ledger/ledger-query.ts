// The ledger list's filters, kept in the address (so a view can be bookmarked and shared) and
// turned into GET /api/hazards queries. Pure.
import type { HazardListItem, HazardSort, HazardSource, HazardStatus } from '../../api/types.js';

export interface LedgerFilters {
  unit: string;
  source: HazardSource | '';
  status: HazardStatus | '';
  overdue: boolean;
  listed: boolean;
  sort: HazardSort;
  page: number;
}

export const PAGE_SIZE = 20;
const SOURCES: HazardSource[] = ['self_check', 'enforcement', 'public_report', 'superior_assignment'];
const STATUSES: HazardStatus[] = ['open', 'rectified', 'closed'];
const SORTS: HazardSort[] = ['found_on', '-found_on', 'deadline', 'ledger_no'];
export const DEFAULT_SORT: HazardSort = '-found_on';

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | '' => (v && (list as readonly string[]).includes(v) ? (v as T) : '');

/** the filters of an address; `fixedUnit` (a unit-bound user's own unit) overrides ?unit= */
export function filtersFromSearch(s: URLSearchParams, fixedUnit?: string | null): LedgerFilters {
  const page = Number(s.get('page'));
  return {
    unit: fixedUnit ?? s.get('unit') ?? '',
    source: oneOf(SOURCES, s.get('source')),
    status: oneOf(STATUSES, s.get('status')),
    overdue: s.get('overdue') === 'true',
    listed: s.get('listed') === 'true',
    sort: oneOf(SORTS, s.get('sort')) || DEFAULT_SORT,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** the address's parameters for filters (defaults left out); undefined removes a parameter */
export function filtersToSearch(f: LedgerFilters): Record<string, string | undefined> {
  return {
    unit: f.unit || undefined,
    source: f.source || undefined,
    status: f.status || undefined,
    overdue: f.overdue ? 'true' : undefined,
    listed: f.listed ? 'true' : undefined,
    sort: f.sort === DEFAULT_SORT ? undefined : f.sort,
    page: f.page > 1 ? String(f.page) : undefined,
  };
}

/** GET /api/hazards with the filters */
export function hazardsPath(f: LedgerFilters, pageSize = PAGE_SIZE): string {
  const q = new URLSearchParams();
  if (f.unit) q.set('unit', f.unit);
  if (f.source) q.set('source', f.source);
  if (f.status) q.set('status', f.status);
  if (f.overdue) q.set('overdue', 'true');
  if (f.listed) q.set('listed', 'true');
  q.set('sort', f.sort);
  q.set('page', String(f.page));
  q.set('pageSize', String(pageSize));
  return `/api/hazards?${q.toString()}`;
}

export type SortColumn = 'found_on' | 'deadline' | 'ledger_no';

/** the sort after a click on a column's header: 发现日期 toggles newest/oldest first; the others sort ascending */
export function nextSort(current: HazardSort, column: SortColumn): HazardSort {
  if (column === 'found_on') return current === '-found_on' ? 'found_on' : '-found_on';
  return column;
}

export function sortState(current: HazardSort, column: SortColumn): { active: boolean; dir: 'asc' | 'desc' } {
  if (column === 'found_on') return { active: current === 'found_on' || current === '-found_on', dir: current === '-found_on' ? 'desc' : 'asc' };
  return { active: current === column, dir: 'asc' };
}

/** a filter changed: back to the first page */
export function withFilter(f: LedgerFilters, change: Partial<LedgerFilters>): LedgerFilters {
  return { ...f, ...change, page: change.page ?? 1 };
}

/** where a hazard stands: closed (办结销号) over rectified over open */
export function hazardStatus(h: Pick<HazardListItem, 'rectifiedOn' | 'closedOn'>): HazardStatus {
  if (h.closedOn) return 'closed';
  if (h.rectifiedOn) return 'rectified';
  return 'open';
}
