import { formatCount } from '../format.js';

export function Pagination({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pagination" aria-label="分页">
      <span>
        共 {formatCount(total)} 条，第 {formatCount(page)} / {formatCount(pages)} 页
      </span>
      <button type="button" className="btn" disabled={page <= 1} onClick={() => onPage(1)}>
        首页
      </button>
      <button type="button" className="btn" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        上一页
      </button>
      <button type="button" className="btn" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        下一页
      </button>
      <button type="button" className="btn" disabled={page >= pages} onClick={() => onPage(pages)}>
        末页
      </button>
    </nav>
  );
}
