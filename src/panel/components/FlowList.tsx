import { useEffect, useRef } from 'preact/hooks';
import type { FlowRow } from '../../core/view/flow-row';
import { OUTCOME_LABEL } from '../../core/view/flow-row';
import { formatClock, plural } from '../../core/view/format';

/** The id of the pseudo-row listing Cognito calls outside any sign-in flow. */
export const OTHER_CALLS = 'other-calls';

export interface FlowListProps {
  rows: readonly FlowRow[];
  otherCalls: number;
  filter: string;
  selected: string | null;
  cursor: string | null;
  onFilter(query: string): void;
  onCursor(id: string): void;
  onOpen(id: string): void;
}

/**
 * The flows list: a filter box and one row per flow. Up/Down move the cursor (from the filter box
 * too), Enter opens the row under it, a click does both.
 */
export function FlowList(props: FlowListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const ids = [...props.rows.map((r) => r.id), ...(props.otherCalls > 0 ? [OTHER_CALLS] : [])];

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (ids.length === 0) return;
      const at = props.cursor !== null ? ids.indexOf(props.cursor) : -1;
      const next = event.key === 'ArrowDown' ? Math.min(ids.length - 1, at + 1) : Math.max(0, at - 1);
      props.onCursor(ids[next]!);
      listRef.current?.focus();
    } else if (event.key === 'Enter' && props.cursor !== null) {
      event.preventDefault();
      props.onOpen(props.cursor);
    }
  };

  // Keep the cursor row in view while moving with the keys.
  useEffect(() => {
    if (props.cursor === null) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(props.cursor)}"]`);
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [props.cursor]);

  return (
    <div class="flows">
      <input
        class="filter"
        type="search"
        placeholder="Filter: user, operation, challenge, error"
        aria-label="Filter flows"
        value={props.filter}
        onInput={(e) => props.onFilter(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <div class="flow-rows" role="listbox" tabIndex={0} ref={listRef} aria-label="Sign-in flows" onKeyDown={onKeyDown}
        aria-activedescendant={props.cursor !== null ? `row-${props.cursor}` : undefined}>
        {props.rows.map((row) => {
          const outcome = OUTCOME_LABEL[row.outcome];
          return (
            <div
              key={row.id}
              id={`row-${row.id}`}
              role="option"
              aria-selected={props.selected === row.id}
              class={`flow-row outcome-${row.outcome}${props.selected === row.id ? ' selected' : ''}${props.cursor === row.id ? ' cursor' : ''}`}
              data-flow={row.id}
              data-row-id={row.id}
              data-outcome={row.outcome}
              onClick={() => { props.onCursor(row.id); props.onOpen(row.id); }}
            >
              <span class="outcome-icon" title={outcome.text} aria-label={outcome.text}>{outcome.icon}</span>
              <span class="flow-main">
                <span class="flow-user">{row.user}</span>
                <span class="flow-meta">{row.authFlow} · {row.clientId}</span>
              </span>
              <span class="flow-side">
                <span class="flow-time">{formatClock(row.startedAt)}</span>
                <span class="flow-counts">
                  {plural(row.steps, 'step')}
                  {row.errors > 0 && <span class="badge error" data-errors={row.errors} title={plural(row.errors, 'error')}>{row.errors} ✖</span>}
                  {row.warnings > 0 && <span class="badge warning" data-warnings={row.warnings} title={plural(row.warnings, 'warning')}>{row.warnings} ⚠</span>}
                  {row.replayed && <span class="badge replay" title="includes a replay">↻</span>}
                </span>
              </span>
            </div>
          );
        })}
        {props.otherCalls > 0 && (
          <div
            id={`row-${OTHER_CALLS}`}
            role="option"
            aria-selected={props.selected === OTHER_CALLS}
            class={`flow-row other${props.selected === OTHER_CALLS ? ' selected' : ''}${props.cursor === OTHER_CALLS ? ' cursor' : ''}`}
            data-other-calls={props.otherCalls}
            data-row-id={OTHER_CALLS}
            onClick={() => { props.onCursor(OTHER_CALLS); props.onOpen(OTHER_CALLS); }}
          >
            <span class="outcome-icon">⋯</span>
            <span class="flow-main">
              <span class="flow-user">Other calls</span>
              <span class="flow-meta">{plural(props.otherCalls, 'Cognito call')} outside any sign-in (GetUser, …)</span>
            </span>
          </div>
        )}
        {ids.length === 0 && props.filter !== '' && <div class="no-match">No flow matches “{props.filter}”.</div>}
      </div>
    </div>
  );
}
