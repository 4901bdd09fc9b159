import { ApiError } from '../api/client.js';

/** the title and advice for an error: 403 is 无权访问, 404 不存在, 0 a network failure */
export function describeError(e: unknown): { title: string; text: string } {
  if (e instanceof ApiError) {
    if (e.status === 403) return { title: '无权访问', text: '该页面的数据不属于您所在单位的查看范围。如需查看，请联系市领导小组办公室。' };
    if (e.status === 404) return { title: '未找到', text: e.message };
    if (e.status === 401) return { title: '登录已过期', text: '请重新登录。' };
    if (e.status === 0) return { title: '无法连接服务器', text: '请检查网络或稍后重试。' };
    if (e.status === 400) return { title: '请求有误', text: e.message };
    if (e.status === 429) return { title: '尝试次数过多', text: '请稍后再试。' };
    return { title: `服务器错误（${e.status}）`, text: e.message };
  }
  return { title: '出错了', text: e instanceof Error ? e.message : String(e) };
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, text } = describeError(error);
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <div className={`state state-error${forbidden ? ' state-forbidden' : ''}`} role="alert">
      <div className="state-icon" aria-hidden="true">{forbidden ? '禁' : '!'}</div>
      <div className="state-title">{title}</div>
      <div className="state-text">{text}</div>
      {onRetry && !forbidden ? (
        <button type="button" className="btn" onClick={onRetry}>
          重试
        </button>
      ) : null}
    </div>
  );
}

/** an error made on this side: a county user asking for another unit's page */
export const forbiddenError = (what: string) => new ApiError(403, 'OUT_OF_SCOPE', `无权访问：${what}`);
