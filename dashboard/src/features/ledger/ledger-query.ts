// The ledger list's filters, kept in the address (so a view can be bookmarked and shared) and
// turned into GET /api/hazards queries. Pure.
import type { HazardListItem, HazardSort, HazardSource, HazardStatus } from '../../api/types.js';

export interface LedgerFilters {
  unit: string;
  source: HazardSource | '';
  status: HazardStatus | '';
  overdue: boolean;
  listed: boolean;
  /** 搜索: part of a ledger number, an enterprise's name or a description */
  q: string;
  sort: HazardSort;
  page: number;
}

export const PAGE_SIZE = 20;
const SOURCES: HazardSource[] = ['self_check', 'enforcement', 'public_report', 'superior_assignment'];
const STATUSES: HazardStatus[] = ['open', 'rectified', 'closed'];
const SORTS: HazardSort[] = ['found_on', '-found_on', 'deadline', '-deadline', 'ledger_no', '-ledger_no'];
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
    q: (s.get('q') ?? '').slice(0, 100),
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
    q: f.q.trim() || undefined,
    sort: f.sort === DEFAULT_SORT ? undefined : f.sort,
    page: f.page > 1 ? String(f.page) : undefined,
  };
}

/** the list's filters and sort as a query: GET /api/hazards and its CSV (GET /api/exports/hazards.csv) take the same */
export function filterQuery(f: LedgerFilters): URLSearchParams {
  const q = new URLSearchParams();
  if (f.unit) q.set('unit', f.unit);
  if (f.source) q.set('source', f.source);
  if (f.status) q.set('status', f.status);
  if (f.overdue) q.set('overdue', 'true');
  if (f.listed) q.set('listed', 'true');
  if (f.q.trim()) q.set('q', f.q.trim());
  q.set('sort', f.sort);
  return q;
}

/** GET /api/hazards with the filters */
export function hazardsPath(f: LedgerFilters, pageSize = PAGE_SIZE): string {
  const q = filterQuery(f);
  q.set('page', String(f.page));
  q.set('pageSize', String(pageSize));
  return `/api/hazards?${q.toString()}`;
}

/** the ledger CSV of exactly what the filters show (every page, the list's order) */
export function hazardsCsvPath(f: LedgerFilters): string {
  return `/api/exports/hazards.csv?${filterQuery(f).toString()}`;
}

export type SortColumn = 'found_on' | 'deadline' | 'ledger_no';

/** the first direction of a column: 发现日期 newest first (as the list opens), the others ascending */
const FIRST: Record<SortColumn, HazardSort> = { found_on: '-found_on', deadline: 'deadline', ledger_no: 'ledger_no' };

/** the sort after a click on a column's header: the active column reverses, another starts in its first direction */
export function nextSort(current: HazardSort, column: SortColumn): HazardSort {
  if (current === column) return `-${column}`;
  if (current === `-${column}`) return column;
  return FIRST[column];
}

export function sortState(current: HazardSort, column: SortColumn): { active: boolean; dir: 'asc' | 'desc' } {
  return { active: current === column || current === `-${column}`, dir: current.startsWith('-') ? 'desc' : 'asc' };
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
