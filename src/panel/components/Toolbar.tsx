import { plural } from '../../core/view/format';
import type { ExportMode } from '../../core/export';
import { ExportControl } from './ExportControl';

export interface ToolbarProps {
  calls: number;
  otherRequests: number;
  /** Entries with X-Amz-Target that are not user-pool calls (other AWS services, preflights), and why. */
  ignored: number;
  ignoredDetail: string;
  droppedWhilePaused: number;
  paused: boolean;
  preserveLog: boolean;
  /** The viewer has no live capture to preserve across navigations. */
  live: boolean;
  onClear(): void;
  onPause(paused: boolean): void;
  onPreserveLog(preserve: boolean): void;
  onExport(mode: ExportMode): void;
}

/**
 * Clear, Record (DevTools' convention: a red dot while recording, grey once stopped), Preserve
 * log, Export HAR, and how much was captured. When the panel is narrow (docked right) the buttons
 * keep their icons and the counts fold into one number whose tooltip says them all.
 */
export function Toolbar(props: ToolbarProps) {
  // [data-count, text, shown]: one list for the counts in a row and for the narrow tooltip.
  const counts = ([
    ['calls', plural(props.calls, 'Cognito call'), true],
    ['other-requests', `${plural(props.otherRequests, 'other request')} not kept`, props.otherRequests > 0],
    ['ignored', `${props.ignored} ignored (${props.ignoredDetail})`, props.ignored > 0],
    ['dropped', `${props.droppedWhilePaused} dropped while paused`, props.droppedWhilePaused > 0],
  ] as const).filter((c) => c[2]);
  return (
    <div class="toolbar" role="toolbar" aria-label="Capture">
      <button type="button" class="tool clear" data-action="clear" title="Clear" onClick={props.onClear}>
        <span class="tool-icon" aria-hidden="true">⊘</span> <span class="tool-label">Clear</span>
      </button>
      <button
        type="button"
        class={`tool record${props.paused ? ' stopped' : ' recording'}`}
        data-action="pause"
        aria-pressed={props.paused}
        title={props.paused ? 'Resume recording' : 'Pause recording'}
        onClick={() => props.onPause(!props.paused)}
      >
        <span class="tool-icon record-dot" aria-hidden="true">●</span> <span class="tool-label">{props.paused ? 'Resume' : 'Pause'}</span>
      </button>
      {props.live && (
        <label class="tool check" title="Keep the capture when the page navigates">
          <input type="checkbox" data-action="preserve-log" aria-label="Preserve log" checked={props.preserveLog} onChange={(e) => props.onPreserveLog(e.currentTarget.checked)} />
          <span class="tool-label">Preserve log</span>
        </label>
      )}
      <ExportControl disabled={props.calls === 0} onExport={props.onExport} />
      <span class="toolbar-spacer" />
      <span class="counts" title={counts.map((c) => c[1]).join('\n')}>
        <span class="count compact" aria-hidden="true">{props.calls}{counts.length > 1 ? ' …' : ''}</span>
        {counts.map(([key, text], i) => <span key={key} class={`count${i ? ' muted' : ''}`} data-count={key}>{i ? `· ${text}` : text}</span>)}
      </span>
    </div>
  );
}
