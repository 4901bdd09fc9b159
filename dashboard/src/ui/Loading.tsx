export function Loading({ what = '数据' }: { what?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite" aria-busy="true">
      <div className="spinner" aria-hidden="true" />
      <div className="state-title">正在加载{what}…</div>
    </div>
  );
}
