import { useMemo } from 'preact/hooks';
import type { Analysis, Flow } from '../../core/model';
import { formatOffset, storyTimeline, type TimelineKind } from '../../core/view/timeline';
import { formatDate, safeDate } from '../../core/view/format';

export interface TimelineProps {
  analysis: Analysis;
  flow: Flow;
}

/**
 * An expiry the capture lived through is what answers "why was I signed out" (a failed refresh is
 * the usual cause): those stand out; an expiry after the capture ends is only a date.
 */
function tone(kind: TimelineKind, at: number, captureEnd: number): 'error' | 'warning' | 'muted' {
  if (kind === 'refresh-failed') return 'error';
  return (kind === 'tokens-expire' || kind === 'credentials-expire') && at <= captureEnd ? 'warning' : 'muted';
}

/**
 * A sign-in's timeline above its chain (issue 11): when its tokens were issued and expire, its
 * refreshes, the AWS credentials got with its tokens and their expiry, and where the capture ends,
 * as offsets from the sign-in's start (the exact time is the offset's title; a date out of range shows as such, never throws). Shown only for a
 * signed-in flow with a story (core/view/timeline.ts `storyTimeline`, the same flows the CLI shows
 * one for). Labels are the core's text, rendered as text.
 */
export function Timeline({ analysis, flow }: TimelineProps) {
  const events = useMemo(() => storyTimeline(analysis, flow), [analysis, flow]);
  if (!events) return null;
  const captureEnd = events.find((e) => e.kind === 'capture-end')?.at ?? Number.POSITIVE_INFINITY;
  return (
    <details class="timeline" data-timeline={flow.id} open>
      <summary>Timeline from the sign-in</summary>
      <ol class="timeline-events">
        {events.map((event) => (
          <li key={`${event.kind}:${event.entry ?? ''}:${event.at}`} class={`timeline-event ${tone(event.kind, event.at, captureEnd)}`} data-event={event.kind}
            data-entry={event.entry === null ? undefined : String(event.entry)}>
            <time class="timeline-at" dateTime={safeDate(event.at)?.toISOString()} title={formatDate(event.at)}>{formatOffset(event.at - flow.startedAt)}</time>
            <span class="timeline-label">{event.label}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}
