import { Link } from '../router.js';
import { EmptyState } from '../ui/EmptyState.js';

export function NotFoundPage() {
  return (
    <EmptyState title="页面不存在">
      <Link to="/">返回首页</Link>
    </EmptyState>
  );
}
