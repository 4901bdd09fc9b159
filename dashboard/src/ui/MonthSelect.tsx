import { useId } from 'react';
import { formatMonth } from '../format.js';

export function MonthSelect({ months, value, onChange, label = '月份' }: { months: string[]; value: string; onChange: (m: string) => void; label?: string }) {
  const id = useId();
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid="month-select">
        {months.map((m) => (
          <option key={m} value={m}>
            {formatMonth(m)}
          </option>
        ))}
      </select>
    </span>
  );
}
