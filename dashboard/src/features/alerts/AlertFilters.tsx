import { useId } from 'react';
import { ALERT_KINDS, ALERT_STATES, type AlertKind, type AlertState } from '../../../../api/src/alerts/alert-contract.js';
import type { Unit } from '../../api/types.js';
import { ALERT_LABEL, ALERT_STATE_LABEL } from '../../labels.js';

export interface AlertFilter { unit: string; kind: AlertKind | ''; state: AlertState | '' }

export function AlertFilters({ f, units, unitFixed, onChange }: { f: AlertFilter; units: Unit[]; unitFixed: boolean; onChange: (f: AlertFilter) => void }) {
  const id = useId();
  return (
    <div className="filters" role="group" aria-label="预警筛选">
      <span className="field">
        <label htmlFor={`${id}-unit`}>单位</label>
        <select id={`${id}-unit`} value={f.unit} disabled={unitFixed} onChange={(e) => onChange({ ...f, unit: e.target.value })}>
          <option value="">全部单位</option>
          {units.map((u) => <option key={u.code} value={u.code}>{u.name}</option>)}
        </select>
      </span>
      <span className="field">
        <label htmlFor={`${id}-kind`}>类型</label>
        <select id={`${id}-kind`} value={f.kind} onChange={(e) => onChange({ ...f, kind: e.target.value as AlertKind | '' })}>
          <option value="">全部类型</option>
          {ALERT_KINDS.map((k) => <option key={k} value={k}>{ALERT_LABEL[k]}</option>)}
        </select>
      </span>
      <span className="field">
        <label htmlFor={`${id}-state`}>状态</label>
        <select id={`${id}-state`} value={f.state} onChange={(e) => onChange({ ...f, state: e.target.value as AlertState | '' })}>
          <option value="">全部状态</option>
          {ALERT_STATES.map((s) => <option key={s} value={s}>{ALERT_STATE_LABEL[s]}</option>)}
        </select>
      </span>
    </div>
  );
}
