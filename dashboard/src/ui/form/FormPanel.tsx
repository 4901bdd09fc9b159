import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { isDate, type FormValues } from './values.js';

export type { FormValues };
import { refusalZh } from './refusal-zh.js';
import { useAction } from './useAction.js';

// One form pattern for every write of the API: fields described as data (the body field's name, the
// domain's Chinese label), a real <label> for each input, required and date checks before sending, the
// API's refusal shown beside the field it names (400 `field`) or beside the button (403, 409 codes), in
// Chinese, and nothing typed lost when the server refuses.

// the field description lives in a .ts file of its own, so pure modules (and the root typecheck) can use it
import type { FieldSpec } from './field-spec.js';
export type { FieldKind, FieldSpec } from './field-spec.js';

export type FormFiles = Record<string, File | undefined>;

export interface FormPanelProps<T> {
  title?: string;
  fields: readonly FieldSpec[];
  initial?: FormValues;
  /** the button that sends the form: 提交 unless the form is a 保存/确定/确认 */
  submitLabel?: '提交' | '保存' | '确定' | '确认';
  /** sends the values; throw (an ApiError) to refuse */
  onSubmit: (values: FormValues, files: FormFiles) => Promise<T>;
  onDone?: (answer: T, values: FormValues) => void;
  onCancel?: () => void;
  /** shown above the fields, e.g. what a confirmation will freeze */
  intro?: React.ReactNode;
  testId?: string;
}


function checkLocally(fields: readonly FieldSpec[], v: FormValues, files: FormFiles): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const raw = v[f.name];
    const s = typeof raw === 'string' ? raw.trim() : '';
    if (f.kind === 'file') {
      if (f.required && !files[f.name]) out[f.name] = '请选择文件';
      continue;
    }
    if (f.kind === 'checkbox') continue;
    if (f.required && s === '') out[f.name] = '不能为空';
    else if (f.kind === 'date' && s !== '' && !isDate(s)) out[f.name] = '日期须为 YYYY-MM-DD 格式且真实存在';
    else if (f.kind === 'number' && s !== '' && !(Number.isFinite(Number(s)) && Number(s) >= 0)) out[f.name] = '须为不小于 0 的数字';
  }
  return out;
}

/** which of the form's fields a refusal names (`signedBy.0` belongs to `signedBy`) */
function fieldOfRefusal(fields: readonly FieldSpec[], e: unknown): string | undefined {
  if (!(e instanceof ApiError) || !e.field) return undefined;
  const head = e.field.split(/[.[]/)[0];
  return fields.find((f) => f.name === e.field || f.name === head)?.name;
}

export function FormPanel<T>(p: FormPanelProps<T>) {
  const id = useId();
  const [values, setValues] = useState<FormValues>(() => ({ ...Object.fromEntries(p.fields.map((f) => [f.name, f.kind === 'checkbox' ? false : ''])), ...p.initial }));
  const [files, setFiles] = useState<FormFiles>({});
  const [local, setLocal] = useState<Record<string, string>>({});
  // wrapped so that a 204 (no answer) is told apart from a refusal (run answers undefined)
  const action = useAction(async (v: FormValues, f: FormFiles) => ({ answer: await p.onSubmit(v, f) }));
  const refusedField = fieldOfRefusal(p.fields, action.error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = checkLocally(p.fields, values, files);
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const sent = await action.run(values, files);
    if (sent) p.onDone?.(sent.answer, values);
  };

  const set = (name: string, v: string | boolean) => {
    setValues((old) => ({ ...old, [name]: v }));
    if (local[name]) setLocal((old) => ({ ...old, [name]: '' }));
  };

  return (
    <form className="form-panel card" onSubmit={submit} noValidate aria-labelledby={p.title ? `${id}-title` : undefined} data-testid={p.testId}>
      {p.title && (
        <h3 className="card-title" id={`${id}-title`}>
          {p.title}
        </h3>
      )}
      {p.intro}
      <div className="form-grid">
        {p.fields.map((f) => {
          const inputId = `${id}-${f.name}`;
          const problem = local[f.name] || (refusedField === f.name ? `${refusalZh(action.error)}` : '');
          const detail = refusedField === f.name && action.error instanceof ApiError ? action.error.message : '';
          const described = problem ? `${inputId}-problem` : f.hint ? `${inputId}-hint` : undefined;
          const common = { id: inputId, name: f.name, 'aria-invalid': problem ? true : undefined, 'aria-describedby': described, required: f.required };
          const value = typeof values[f.name] === 'string' ? (values[f.name] as string) : '';
          let input: React.ReactNode;
          if (f.kind === 'select') {
            input = (
              <select {...common} value={value} onChange={(e) => set(f.name, e.target.value)}>
                <option value="">请选择</option>
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            );
          } else if (f.kind === 'textarea' || f.kind === 'list') {
            input = <textarea {...common} rows={f.kind === 'list' ? 2 : 3} value={value} placeholder={f.placeholder ?? (f.kind === 'list' ? '多个用分号（；）分隔' : undefined)} onChange={(e) => set(f.name, e.target.value)} />;
          } else if (f.kind === 'checkbox') {
            input = <input {...common} type="checkbox" checked={values[f.name] === true} onChange={(e) => set(f.name, e.target.checked)} />;
          } else if (f.kind === 'file') {
            input = <input {...common} type="file" accept={f.accept} onChange={(e) => setFiles((old) => ({ ...old, [f.name]: e.target.files?.[0] }))} />;
          } else {
            // dates are typed as YYYY-MM-DD (a date picker's typing differs by browser and locale)
            input = (
              <input
                {...common}
                type={f.kind === 'password' ? 'password' : 'text'}
                inputMode={f.kind === 'number' ? 'decimal' : f.kind === 'date' ? 'numeric' : undefined}
                autoComplete={f.kind === 'password' ? 'new-password' : 'off'}
                placeholder={f.placeholder ?? (f.kind === 'date' ? 'YYYY-MM-DD' : undefined)}
                value={value}
                list={f.suggestions ? `${inputId}-list` : undefined}
                onChange={(e) => set(f.name, e.target.value)}
              />
            );
            if (f.suggestions) {
              input = (
                <>
                  {input}
                  <datalist id={`${inputId}-list`}>
                    {f.suggestions.map((x) => (
                      <option key={x} value={x} />
                    ))}
                  </datalist>
                </>
              );
            }
          }
          return (
            <div className={`form-field${f.kind === 'checkbox' ? ' form-field-check' : ''}${f.kind === 'textarea' || f.kind === 'list' ? ' form-field-wide' : ''}`} key={f.name}>
              <label htmlFor={inputId}>
                {f.label}
                {f.required && <span className="required" aria-hidden="true"> *</span>}
              </label>
              {input}
              {f.hint && !problem && (
                <small className="muted" id={`${inputId}-hint`}>
                  {f.hint}
                </small>
              )}
              {problem && (
                <small className="field-problem" id={`${inputId}-problem`} role="alert">
                  {problem}
                  {detail && <span className="refusal-detail"> （{detail}）</span>}
                </small>
              )}
            </div>
          );
        })}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={action.pending}>
          {action.pending ? '提交中…' : (p.submitLabel ?? '提交')}
        </button>
        {p.onCancel && (
          <button type="button" className="btn" onClick={p.onCancel}>
            取消
          </button>
        )}
        {action.error != null && !refusedField && <Refusal error={action.error} />}
      </div>
    </form>
  );
}

/** A refusal the form cannot pin to a field (403, a 409 code), in Chinese with the API's words beside it. */
export function Refusal({ error }: { error: unknown }) {
  return (
    <p className="form-refusal" role="alert" data-code={error instanceof ApiError ? error.code : undefined}>
      {refusalZh(error)}
      {error instanceof ApiError && <span className="refusal-detail"> （{error.code}：{error.message}）</span>}
    </p>
  );
}
