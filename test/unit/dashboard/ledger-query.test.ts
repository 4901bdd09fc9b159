import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SORT, filtersFromSearch, filtersToSearch, hazardStatus, hazardsCsvPath, hazardsPath, nextSort, sortState, withFilter } from '../../../dashboard/src/features/ledger/ledger-query.js';

describe('ledger filters', () => {
  it('reads filters from the address and ignores values the API would refuse', () => {
    const f = filtersFromSearch(new URLSearchParams('unit=140525&source=enforcement&status=bogus&overdue=true&sort=-found_on&page=3'));
    expect(f).toEqual({ unit: '140525', source: 'enforcement', status: '', overdue: true, listed: false, q: '', sort: '-found_on', page: 3 });
    expect(filtersFromSearch(new URLSearchParams('page=-2&sort=name')).page).toBe(1);
    expect(filtersFromSearch(new URLSearchParams('sort=name')).sort).toBe(DEFAULT_SORT);
  });

  it('pins a unit-bound user to its unit', () => {
    expect(filtersFromSearch(new URLSearchParams('unit=140502'), '140525').unit).toBe('140525');
  });

  it('builds the API query with the page size', () => {
    const f = filtersFromSearch(new URLSearchParams('unit=140525&overdue=true&listed=true&status=open'));
    expect(hazardsPath(f)).toBe('/api/hazards?unit=140525&status=open&overdue=true&listed=true&sort=-found_on&page=1&pageSize=20');
  });

  it('keeps the search in the address and sends it trimmed, to the list and to its CSV alike', () => {
    const f = filtersFromSearch(new URLSearchParams('q=%20城区企业%25&sort=-deadline&page=2'));
    expect(f.q).toBe(' 城区企业%');
    expect(filtersToSearch(f).q).toBe('城区企业%');
    expect(hazardsPath(f)).toBe('/api/hazards?q=%E5%9F%8E%E5%8C%BA%E4%BC%81%E4%B8%9A%25&sort=-deadline&page=2&pageSize=20');
    // the CSV is the whole list: same filters and order, no page
    expect(hazardsCsvPath(f)).toBe('/api/exports/hazards.csv?q=%E5%9F%8E%E5%8C%BA%E4%BC%81%E4%B8%9A%25&sort=-deadline');
    expect(filtersToSearch({ ...f, q: '  ' }).q).toBeUndefined();
  });

  it('leaves defaults out of the address', () => {
    const f = filtersFromSearch(new URLSearchParams(''));
    expect(Object.values(filtersToSearch(f)).every((v) => v === undefined)).toBe(true);
    expect(filtersToSearch({ ...f, listed: true, page: 2, sort: 'deadline' })).toMatchObject({ listed: 'true', page: '2', sort: 'deadline' });
  });

  it('goes back to page 1 when a filter changes', () => {
    const f = { ...filtersFromSearch(new URLSearchParams('')), page: 4 };
    expect(withFilter(f, { source: 'self_check' }).page).toBe(1);
    expect(withFilter(f, { page: 5 }).page).toBe(5);
  });
});

describe('sorting', () => {
  it('reverses the active column and starts another in its first direction', () => {
    expect(nextSort('-found_on', 'found_on')).toBe('found_on');
    expect(nextSort('found_on', 'found_on')).toBe('-found_on');
    expect(nextSort('deadline', 'found_on')).toBe('-found_on');
    expect(nextSort('-found_on', 'deadline')).toBe('deadline');
    expect(nextSort('deadline', 'deadline')).toBe('-deadline');
    expect(nextSort('-deadline', 'deadline')).toBe('deadline');
    expect(nextSort('-found_on', 'ledger_no')).toBe('ledger_no');
    expect(nextSort('ledger_no', 'ledger_no')).toBe('-ledger_no');
    expect(filtersFromSearch(new URLSearchParams('sort=-ledger_no')).sort).toBe('-ledger_no');
  });

  it('tells a header whether it is the active sort and which way', () => {
    expect(sortState('-found_on', 'found_on')).toEqual({ active: true, dir: 'desc' });
    expect(sortState('found_on', 'found_on')).toEqual({ active: true, dir: 'asc' });
    expect(sortState('deadline', 'found_on').active).toBe(false);
    expect(sortState('deadline', 'deadline')).toEqual({ active: true, dir: 'asc' });
    expect(sortState('-deadline', 'deadline')).toEqual({ active: true, dir: 'desc' });
    expect(sortState('-ledger_no', 'deadline').active).toBe(false);
  });
});

describe('hazard status', () => {
  it('is closed over rectified over open', () => {
    expect(hazardStatus({ rectifiedOn: null, closedOn: null })).toBe('open');
    expect(hazardStatus({ rectifiedOn: '2023-08-01', closedOn: null })).toBe('rectified');
    expect(hazardStatus({ rectifiedOn: '2023-08-01', closedOn: '2023-08-10' })).toBe('closed');
  });
});
