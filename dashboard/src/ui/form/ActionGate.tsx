import { useId, useState, type ReactNode } from 'react';

// A workflow button (企业确认, 整改, 办结销号 …) that opens its form: enabled only when the step is legal
// now, and when it is not, the reason is written beside it (and read by a screen reader with it).
export interface ActionGateProps {
  label: string;
  /** why the step cannot be taken now; undefined when it can */
  blocked?: string;
  children: (close: () => void) => ReactNode;
  testId?: string;
}

export function ActionGate({ label, blocked, children, testId }: ActionGateProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="action-gate" data-testid={testId}>
      <button type="button" className="btn" disabled={blocked !== undefined} aria-expanded={open} aria-describedby={blocked ? `${id}-why` : undefined} onClick={() => setOpen((o) => !o)}>
        {label}
      </button>
      {blocked && (
        <small className="muted action-why" id={`${id}-why`}>
          {blocked}
        </small>
      )}
      {open && !blocked && <div className="action-form">{children(() => setOpen(false))}</div>}
    </div>
  );
}
