import { Component, type ReactNode } from 'react';
import { isChunkLoadError } from './chunks';

interface Props {
  /** What is inside, for the message ("the Einops demo"). */
  label: string;
  /** Changing this clears a caught error (navigation, retry). */
  resetKey: string;
  /** Re-import the page's code (chunk errors) or re-mount it (render errors). */
  onRetry: () => void;
  children: ReactNode;
}

interface State {
  error: unknown;
  caughtFor: string | null;
}

/**
 * Catches what a route throws while rendering, so that the header, the navigation and the other
 * routes keep working. A failed chunk download and a crash get different messages and buttons.
 */
export class RouteBoundary extends Component<Props, State> {
  state: State = { error: null, caughtFor: null };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error ?? new Error('unknown error') };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    // Remember which page the error belongs to; a new resetKey (navigation or retry) clears it.
    if (state.error && state.caughtFor === null) return { caughtFor: props.resetKey };
    if (state.error && state.caughtFor !== props.resetKey) return { error: null, caughtFor: null };
    return null;
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const message = error instanceof Error ? error.message : String(error);
    if (isChunkLoadError(error)) {
      return (
        <section className="panel error-panel" data-testid="chunk-error" role="alert">
          <h1>Could not load {this.props.label}</h1>
          <p>
            The browser could not download this page&apos;s code. You may be offline, or the site was updated
            since you opened it. Check your connection, then try again.
          </p>
          <details>
            <summary>Technical detail</summary>
            <pre className="error-detail">{message}</pre>
          </details>
          <div className="button-row">
            <button type="button" className="btn primary" data-testid="retry" onClick={this.props.onRetry}>
              Try again
            </button>
            <button type="button" className="btn" onClick={() => window.location.reload()}>
              Reload the page
            </button>
          </div>
        </section>
      );
    }
    return (
      <section className="panel error-panel" data-testid="demo-error" role="alert">
        <h1>{this.props.label} stopped with an error</h1>
        <p>
          Something in this page failed while drawing it. The rest of the site still works: pick another demo
          above, or reload this one. If it keeps failing, the message below says what broke.
        </p>
        <pre className="error-detail">{message}</pre>
        <div className="button-row">
          <button type="button" className="btn primary" data-testid="reload-demo" onClick={this.props.onRetry}>
            Reload this demo
          </button>
          <button type="button" className="btn" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      </section>
    );
  }
}
