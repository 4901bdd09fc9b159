import { useId } from 'react';

/** The record's kind, chosen first: the form below it shows only the fields that kind needs. */
export function KindPicker({ label, value, options, onChange }: { label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="form-field kind-picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} name="kind" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">请选择</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
