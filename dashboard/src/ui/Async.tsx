import type { ReactNode } from 'react';
import type { Loaded } from '../api/useApi.js';
import { EmptyState } from './EmptyState.js';
import { ErrorState } from './ErrorState.js';
import { Loading } from './Loading.js';

/** Loading, error, empty and content of one loaded resource, the same way on every view. */
export function Async<T>({ state, what, isEmpty, emptyTitle, children }: {
  state: Loaded<T> & { reload?: () => void };
  what?: string;
  isEmpty?: (data: T) => boolean;
  emptyTitle?: string;
  children: (data: T) => ReactNode;
}) {
  if (state.status === 'loading') return <Loading what={what} />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={state.reload} />;
  if (isEmpty?.(state.data)) return <EmptyState title={emptyTitle ?? '暂无数据'} />;
  return <>{children(state.data)}</>;
}
