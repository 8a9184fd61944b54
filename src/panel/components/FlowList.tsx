import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FlowRow } from '../../core/view/flow-row';
import { plural } from '../../core/view/format';
import { OTHER_CALLS_ICON, flowCountText } from '../../core/view/flow-row';
import { rowWindow, scrollToShow, WINDOW_FROM_ROWS } from '../row-window';
import { FlowRowItem } from './FlowRowItem';

/** The id of the pseudo-row listing Cognito calls outside any sign-in flow. */
export const OTHER_CALLS = 'other-calls';

/** Until a row has been measured: two lines of 12px text and the row's padding and border. */
const ESTIMATED_ROW_HEIGHT = 38;

export interface FlowListProps {
  rows: readonly FlowRow[];
  /** All flows, before the filter and the errors-only toggle: the list says "3 of 60 flows". */
  total: number;
  otherCalls: number;
  errorsOnly: boolean;
  onErrorsOnly(on: boolean): void;
  filter: string;
  selected: string | null;
  cursor: string | null;
  onFilter(query: string): void;
  onCursor(id: string): void;
  onOpen(id: string): void;
}

/**
 * The flows list: a filter box and one row per flow. Up/Down move the cursor (from the filter box
 * too), Enter opens the row under it, a click does both. A long list puts only the rows in view
 * (and a margin) in the DOM; see row-window.ts.
 */
export function FlowList(props: FlowListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  // One function for the list's lifetime, so that rows whose own props did not change skip rendering.
  const activate = useMemo(() => (id: string) => { latest.current.onCursor(id); latest.current.onOpen(id); }, []);
  const ids = useMemo(() => [...props.rows.map((r) => r.id), ...(props.otherCalls > 0 ? [OTHER_CALLS] : [])], [props.rows, props.otherCalls]);
  const windowed = props.rows.length > WINDOW_FROM_ROWS;
  const [view, setView] = useState({ scrollTop: 0, height: 800 });
  const [rowHeight, setRowHeight] = useState(ESTIMATED_ROW_HEIGHT);

  // The list's height (it changes with the window and the DevTools dock), and a row's, once there is one.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list || !windowed) return;
    const measure = () => {
      setView((old) => ({ scrollTop: list.scrollTop, height: list.clientHeight || old.height }));
      const height = list.querySelector<HTMLElement>('.flow-row')?.offsetHeight;
      if (height) setRowHeight(height);
    };
    measure();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(measure);
    observer.observe(list);
    return () => observer.disconnect();
  }, [windowed]);

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

  // Keep the cursor row in view while moving with the keys (a row out of the window is not in the DOM yet).
  useEffect(() => {
    const list = listRef.current;
    if (props.cursor === null || !list) return;
    const index = windowed ? props.rows.findIndex((row) => row.id === props.cursor) : -1;
    if (index >= 0) {
      const top = scrollToShow(index, list.scrollTop, list.clientHeight, rowHeight);
      if (top !== null) list.scrollTop = top; // its scroll event renders the new window
      return;
    }
    const row = list.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(props.cursor)}"]`);
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [props.cursor]);

  const shown = rowWindow(props.rows.length, view.scrollTop, view.height, rowHeight);
  const otherSelected = props.selected === OTHER_CALLS;
  return (
    <div class="flows">
      <input
        id="flow-filter"
        class="filter"
        type="search"
        placeholder="Filter (/): user, operation, challenge, error"
        aria-label="Filter flows"
        aria-keyshortcuts="/"
        value={props.filter}
        onInput={(e) => props.onFilter(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <div class="flows-head">
        <span class="flow-count" data-flow-count="" aria-live="polite">{flowCountText(props.rows.length, props.total)}</span>
        <label class="errors-only">
          <input type="checkbox" data-action="errors-only" checked={props.errorsOnly} onChange={(e) => props.onErrorsOnly(e.currentTarget.checked)} />
          Errors only
        </label>
      </div>
      <div class="flow-rows" role="listbox" tabIndex={0} ref={listRef} aria-label="Sign-in flows" onKeyDown={onKeyDown}
        onScroll={windowed ? (e) => setView({ scrollTop: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight || view.height }) : undefined}
        aria-activedescendant={props.cursor !== null ? `row-${props.cursor}` : undefined}>
        {shown.padTop > 0 && <div class="rows-pad" style={{ height: `${shown.padTop}px` }} aria-hidden="true" />}
        {props.rows.slice(shown.start, shown.end).map((row, i) => (
          <FlowRowItem key={row.id} row={row} index={shown.start + i} setSize={ids.length}
            selected={props.selected === row.id} cursor={props.cursor === row.id} onActivate={activate} />
        ))}
        {shown.padBottom > 0 && <div class="rows-pad" style={{ height: `${shown.padBottom}px` }} aria-hidden="true" />}
        {props.otherCalls > 0 && (
          <div
            id={`row-${OTHER_CALLS}`}
            role="option"
            aria-selected={otherSelected}
            aria-posinset={ids.length}
            aria-setsize={ids.length}
            class={`flow-row other${props.rows.length % 2 ? ' alt' : ''}${otherSelected ? ' selected' : ''}${props.cursor === OTHER_CALLS ? ' cursor' : ''}`}
            data-other-calls={props.otherCalls}
            data-row-id={OTHER_CALLS}
            onClick={() => activate(OTHER_CALLS)}
          >
            <span class="outcome-icon" aria-hidden="true">{OTHER_CALLS_ICON}</span>
            <span class="flow-main">
              <span class="flow-user">Other calls</span>
              <span class="flow-meta">{plural(props.otherCalls, 'Cognito call')} outside any sign-in (GetUser, …)</span>
            </span>
          </div>
        )}
        {props.rows.length === 0 && props.total > 0 && (
          <div class="no-match" data-no-match="">No flow matches{props.filter && ` “${props.filter}”`}{props.errorsOnly && ' with errors only'}.</div>
        )}
      </div>
    </div>
  );
}
