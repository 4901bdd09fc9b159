/** what a form holds: text as typed, checkboxes as booleans */
export type FormValues = Record<string, string | boolean>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD that names a real calendar day */
export function isDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

// From what was typed to the API's body: empty text is "not given", lists are split on ; or ；, numbers
// are numbers. The API checks everything again.
export const text = (v: FormValues, k: string): string | undefined => {
  const s = typeof v[k] === 'string' ? (v[k] as string).trim() : '';
  return s === '' ? undefined : s;
};

export const num = (v: FormValues, k: string): number | undefined => {
  const s = text(v, k);
  return s === undefined ? undefined : Number(s);
};

export const list = (v: FormValues, k: string): string[] | undefined => {
  const s = text(v, k);
  return s === undefined ? undefined : s.split(/[;；,，\n]/).map((x) => x.trim()).filter(Boolean);
};

export const bool = (v: FormValues, k: string): boolean => v[k] === true;

/** options of a <select> from a label map (labels.ts) */
export const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
