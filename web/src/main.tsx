import { Component, ComponentChildren, render } from 'preact';
import { App } from './app';
import './styles.css';

/** A failure while drawing shows what happened and a way back, never a blank page. */
class ErrorBoundary extends Component<{ children: ComponentChildren }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <main class="crash">
        <h1>Parley could not draw this view</h1>
        <p>{this.state.error.message}</p>
        <p>
          <a href="/">Open the default view</a> or go back. The same answers are in the <a href="/docs">HTTP API</a>.
        </p>
      </main>
    );
  }
}

render(
  <ErrorBoundary>
    <App />
  </ErrorBoundary>,
  document.getElementById('app') as HTMLElement,
);
