import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorState } from './ErrorState.js';

/** A view that throws while drawing shows an error state, and the rest of the app (the navigation) stays. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; key: string }> {
  state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    // a new address clears the error
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('view failed', error, info.componentStack);
  }

  render() {
    if (this.state.error) return <ErrorState error={new Error(`页面显示出错：${this.state.error.message}`)} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
