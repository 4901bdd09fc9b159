import type { ReactNode } from 'react';

export function EmptyState({ title = '暂无数据', children }: { title?: string; children?: ReactNode }) {
  return (
    <div className="state state-empty" role="status">
      <div className="state-icon" aria-hidden="true">○</div>
      <div className="state-title">{title}</div>
      {children ? <div className="state-text">{children}</div> : null}
    </div>
  );
}
