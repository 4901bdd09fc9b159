import { useEffect, useId, useState } from 'react';
import type { HazardSource, HazardStatus, Unit } from '../../api/types.js';
import { SOURCE_LABEL, STATUS_LABEL } from '../../labels.js';
import { withFilter, type LedgerFilters } from './ledger-query.js';

export function LedgerFiltersBar({ f, units, unitFixed, onChange }: { f: LedgerFilters; units: Unit[]; unitFixed: boolean; onChange: (f: LedgerFilters) => void }) {
  const id = useId();
  const set = (c: Partial<LedgerFilters>) => onChange(withFilter(f, c));
  // the search box: typed text reaches the address (?q=) after a short pause, or at once on Enter
  const [text, setText] = useState(f.q);
  useEffect(() => setText((t) => (t.trim() === f.q.trim() ? t : f.q)), [f.q]);
  useEffect(() => {
    if (text.trim() === f.q.trim()) return undefined;
    const t = setTimeout(() => set({ q: text }), 350);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only typing schedules a search
  }, [text]);
  return (
    <form
      className="filters"
      aria-label="台账筛选"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim() !== f.q.trim()) set({ q: text });
      }}
    >
      <span className="field field-search">
        <label htmlFor={`${id}-q`}>搜索</label>
        <input id={`${id}-q`} type="search" value={text} maxLength={100} placeholder="台账编号、企业名称或隐患描述" onChange={(e) => setText(e.target.value)} />
      </span>
      <span className="field">
        <label htmlFor={`${id}-unit`}>单位</label>
        <select id={`${id}-unit`} value={f.unit} disabled={unitFixed} onChange={(e) => set({ unit: e.target.value })}>
          <option value="">全部单位</option>
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}
            </option>
          ))}
        </select>
      </span>
      <span className="field">
        <label htmlFor={`${id}-source`}>来源</label>
        <select id={`${id}-source`} value={f.source} onChange={(e) => set({ source: e.target.value as HazardSource | '' })}>
          <option value="">全部来源</option>
          {Object.entries(SOURCE_LABEL).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </span>
      <span className="field">
        <label htmlFor={`${id}-status`}>状态</label>
        <select id={`${id}-status`} value={f.status} onChange={(e) => set({ status: e.target.value as HazardStatus | '' })}>
          <option value="">全部状态</option>
          {Object.entries(STATUS_LABEL).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </span>
      <label className="check">
        <input type="checkbox" checked={f.overdue} onChange={(e) => set({ overdue: e.target.checked })} /> 仅逾期
      </label>
      <label className="check">
        <input type="checkbox" checked={f.listed} onChange={(e) => set({ listed: e.target.checked })} /> 仅挂牌督办
      </label>
      <button type="button" className="btn btn-ghost" onClick={() => onChange(withFilter(f, { unit: unitFixed ? f.unit : '', source: '', status: '', overdue: false, listed: false, q: '' }))}>
        清除筛选
      </button>
    </form>
  );
}
