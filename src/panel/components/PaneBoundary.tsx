import { Component, type ComponentChildren } from 'preact';

export interface PaneBoundaryProps {
  /** The pane's name in the message, e.g. "the flows list". */
  pane: string;
  /** When this changes (by identity), a pane that failed tries again: a new selection, a new capture. */
  resetOn: unknown;
  children?: ComponentChildren;
}

interface PaneBoundaryState {
  error: string | null;
}

/**
 * Catches what one pane throws while rendering, so one bad value (a token whose date no calendar
 * has) shows as a reason in that pane, and the rest of the panel, Clear included, keeps working.
 * A change of `resetOn` (what the pane shows) gives it a fresh try.
 */
export class PaneBoundary extends Component<PaneBoundaryProps, PaneBoundaryState> {
  override state: PaneBoundaryState = { error: null };

  static override getDerivedStateFromError(error: unknown): PaneBoundaryState {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }

  override componentDidUpdate(previous: PaneBoundaryProps): void {
    if (this.state.error !== null && previous.resetOn !== this.props.resetOn) this.setState({ error: null });
  }

  override render({ pane, children }: PaneBoundaryProps, { error }: PaneBoundaryState) {
    if (error === null) return children;
    return (
      <div class="notice flagged pane-error" role="alert" data-pane-error={pane}>
        ⚑ Not shown in {pane}: {error}
      </div>
    );
  }
}
