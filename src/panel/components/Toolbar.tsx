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

/** Clear, Pause (stop recording), Preserve log, Export HAR, and how much was captured. */
export function Toolbar(props: ToolbarProps) {
  return (
    <div class="toolbar" role="toolbar" aria-label="Capture">
      <button type="button" class="tool clear" data-action="clear" title="Clear" onClick={props.onClear}>
        ⊘ <span>Clear</span>
      </button>
      <button
        type="button"
        class={`tool pause${props.paused ? ' active' : ''}`}
        data-action="pause"
        aria-pressed={props.paused}
        title={props.paused ? 'Resume recording' : 'Pause recording: calls made meanwhile are not kept'}
        onClick={() => props.onPause(!props.paused)}
      >
        {props.paused ? '● Resume' : '■ Pause'}
      </button>
      {props.live && (
        <label class="tool check" title="Keep the capture when the page navigates (sign-ins usually do)">
          <input type="checkbox" data-action="preserve-log" checked={props.preserveLog} onChange={(e) => props.onPreserveLog(e.currentTarget.checked)} />
          Preserve log
        </label>
      )}
      <ExportControl disabled={props.calls === 0} onExport={props.onExport} />
      <span class="toolbar-spacer" />
      <span class="count" data-count="calls">{plural(props.calls, 'Cognito call')}</span>
      {props.otherRequests > 0 && <span class="count muted" data-count="other-requests">· {plural(props.otherRequests, 'other request')} not kept</span>}
      {props.ignored > 0 && <span class="count muted" data-count="ignored" title={props.ignoredDetail}>· {props.ignored} ignored</span>}
      {props.droppedWhilePaused > 0 && <span class="count muted" data-count="dropped">· {props.droppedWhilePaused} dropped while paused</span>}
    </div>
  );
}
