import { Component } from 'preact';
import type { FlowRow } from '../../core/view/flow-row';
import { OUTCOME_LABEL } from '../../core/view/flow-row';
import { formatClock, plural } from '../../core/view/format';

export interface FlowRowItemProps {
  row: FlowRow;
  /** Position in the whole list (0-based) and its length, for shading and for screen readers. */
  index: number;
  setSize: number;
  selected: boolean;
  cursor: boolean;
  /** Must stay the same function across renders: a row that did not change is not re-rendered. */
  onActivate(id: string): void;
}

/**
 * One flow in the list. Re-rendered only when its own data, place or state changed: moving the
 * cursor or opening a step then costs two rows, not the whole list. (A class, because `memo`
 * would bring preact/compat into the bundle.)
 */
export class FlowRowItem extends Component<FlowRowItemProps> {
  override shouldComponentUpdate(next: FlowRowItemProps): boolean {
    const now = this.props;
    return next.row !== now.row || next.index !== now.index || next.setSize !== now.setSize
      || next.selected !== now.selected || next.cursor !== now.cursor || next.onActivate !== now.onActivate;
  }

  override render({ row, index, setSize, selected, cursor, onActivate }: FlowRowItemProps) {
    const outcome = OUTCOME_LABEL[row.outcome];
    return (
      <div
        id={`row-${row.id}`}
        role="option"
        aria-selected={selected}
        aria-posinset={index + 1}
        aria-setsize={setSize}
        class={`flow-row outcome-${row.outcome}${index % 2 ? ' alt' : ''}${selected ? ' selected' : ''}${cursor ? ' cursor' : ''}`}
        data-flow={row.id}
        data-row-id={row.id}
        data-outcome={row.outcome}
        onClick={() => onActivate(row.id)}
      >
        <span class="outcome-icon" title={outcome.text} role="img" aria-label={outcome.text}>{outcome.icon}</span>
        <span class="flow-main" title={`${row.user}\n${row.clientId}\n${formatClock(row.startedAt)}`}>
          <span class="flow-user">{row.user}</span>
          <span class="flow-meta"><span class={`flow-status status-${row.outcome}`}>{row.status}</span> · {row.authFlow} · {row.clientId}</span>
        </span>
        <span class="flow-side">
          <span class="flow-time">{formatClock(row.startedAt)}</span>
          <span class="flow-counts">
            <span class="flow-steps">{plural(row.steps, 'step')}</span>
            {row.errors > 0 && <span class="badge error" data-errors={row.errors} title={plural(row.errors, 'error')}>{row.errors} ✖</span>}
            {row.warnings > 0 && <span class="badge warning" data-warnings={row.warnings} title={plural(row.warnings, 'warning')}>{row.warnings} ⚠</span>}
            {row.replayed && <span class="badge replay" title="includes a replay">↻</span>}
          </span>
        </span>
      </div>
    );
  }
}
