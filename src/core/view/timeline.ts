/**
 * A sign-in's timeline: when its tokens were issued and expire, its refreshes (and theirs), the
 * AWS credentials got with its tokens and when they expire, and where the capture ends — so "why
 * was I signed out after an hour" reads at a glance. Times are epoch ms; events are in time order.
 */
import type { Analysis, Flow, FlowTokens } from '../model';

export type TimelineKind = 'tokens' | 'tokens-expire' | 'refresh' | 'refresh-failed' | 'credentials' | 'credentials-expire' | 'capture-end';

export interface TimelineEvent {
  at: number;
  kind: TimelineKind;
  /** The flow and entry the event comes from (capture end: none). */
  flow: string | null;
  entry: number | null;
  label: string;
}

function expiry(tokens: FlowTokens): number | null {
  const times = [tokens.id, tokens.access].map((t) => (t?.kind === 'jwt' ? t.expiresAt : null)).filter((t): t is number => t !== null);
  return times.length > 0 ? times.reduce((a, b) => Math.min(a, b)) : null;
}

/**
 * What every timeline of one analysis reads: each flow's refreshes, and where the capture ends.
 * Built once per analysis and kept while it is: the CLI asks for the timeline of every sign-in, and
 * scanning every flow and every call for each one was quadratic (48 s for the 12,500 sign-ins of a
 * 50,000-entry capture). A loop, not `Math.max(...ends)`: spreading some 200,000 values throws.
 */
interface TimelineIndex {
  /** Flow id → the flows that refresh it, in the analysis' order. */
  refreshesOf: Map<string, Flow[]>;
  /** The last call's end (epoch ms), or null when no call has a finite one. */
  captureEnd: number | null;
}

const indexes = new WeakMap<Pick<Analysis, 'flows' | 'calls'>, TimelineIndex>();

function timelineIndex(analysis: Pick<Analysis, 'flows' | 'calls'>): TimelineIndex {
  let index = indexes.get(analysis);
  if (index) return index;
  const refreshesOf = new Map<string, Flow[]>();
  for (const flow of analysis.flows) {
    if (!flow.refreshOf) continue;
    const list = refreshesOf.get(flow.refreshOf);
    if (list) list.push(flow);
    else refreshesOf.set(flow.refreshOf, [flow]);
  }
  let captureEnd = Number.NEGATIVE_INFINITY;
  for (const call of analysis.calls) {
    const end = call.startedAt + call.duration;
    if (Number.isFinite(end) && end > captureEnd) captureEnd = end;
  }
  index = { refreshesOf, captureEnd: Number.isFinite(captureEnd) ? captureEnd : null };
  indexes.set(analysis, index);
  return index;
}

/** The flow and every refresh descending from it (a refresh of a refresh included). */
function lineage(index: TimelineIndex, root: Flow): Flow[] {
  const out = [root];
  const seen = new Set(out);
  for (let i = 0; i < out.length; i++) {
    for (const flow of index.refreshesOf.get(out[i]!.id) ?? []) {
      if (seen.has(flow)) continue;
      seen.add(flow);
      out.push(flow);
    }
  }
  return out;
}

/** The timeline of a sign-in flow (a refresh's own timeline starts at the refresh). */
export function signInTimeline(analysis: Analysis, root: Flow): TimelineEvent[] {
  const index = timelineIndex(analysis);
  const events: TimelineEvent[] = [];
  for (const flow of lineage(index, root)) {
    for (const step of flow.steps) {
      const end = step.call.startedAt + step.call.duration;
      if (flow !== root && step === flow.steps[0]) {
        events.push(step.call.error
          ? { at: step.call.startedAt, kind: 'refresh-failed', flow: flow.id, entry: step.call.entry, label: `refresh ${flow.id} failed: ${step.call.error.type}` }
          : { at: end, kind: 'refresh', flow: flow.id, entry: step.call.entry, label: `refreshed (${flow.id})` });
      }
      if (step.tokens) {
        if (flow === root) events.push({ at: end, kind: 'tokens', flow: flow.id, entry: step.call.entry, label: 'tokens issued' });
        const expires = expiry(step.tokens);
        if (expires !== null) events.push({ at: expires, kind: 'tokens-expire', flow: flow.id, entry: step.call.entry, label: `tokens of #${step.call.entry} expire` });
      }
      const credentials = step.identity?.credentials;
      if (credentials && !step.call.error) {
        events.push({ at: end, kind: 'credentials', flow: flow.id, entry: step.call.entry, label: `AWS credentials (${credentials.accessKeyId ?? 'no key id'})` });
        if (credentials.expiresAt !== null) events.push({ at: credentials.expiresAt, kind: 'credentials-expire', flow: flow.id, entry: step.call.entry, label: `credentials of #${step.call.entry} expire` });
      }
    }
  }
  if (index.captureEnd !== null) events.push({ at: index.captureEnd, kind: 'capture-end', flow: null, entry: null, label: 'capture ends' });
  return events.filter((e) => Number.isFinite(e.at)).sort((a, b) => a.at - b.at);
}

/** Worth showing: the sign-in was refreshed, got AWS credentials, or the capture outlived its tokens. */
export function hasStory(events: readonly TimelineEvent[]): boolean {
  const end = events.find((e) => e.kind === 'capture-end')?.at ?? Number.NEGATIVE_INFINITY;
  return events.some((e) => e.kind === 'refresh' || e.kind === 'refresh-failed' || e.kind === 'credentials' || (e.kind === 'tokens-expire' && e.at <= end));
}

/**
 * The timeline worth showing for a flow, or null: only a user-pool sign-in that succeeded (not a
 * refresh, which is part of its sign-in's timeline, nor an identity-only flow) with a story.
 * Shared by the CLI's text and the panel, so both show a timeline for the same flows.
 */
export function storyTimeline(analysis: Analysis, flow: Flow): TimelineEvent[] | null {
  if (flow.kind === 'identity' || flow.refreshOf || flow.outcome !== 'authenticated') return null;
  const events = signInTimeline(analysis, flow);
  return hasStory(events) ? events : null;
}

/** A time relative to the sign-in, in minutes for the first two days: `+0 s`, `+30 min`, `+110 min`, `+3 d`. */
export function formatOffset(ms: number): string {
  const abs = Math.abs(ms);
  const text = abs < 120_000 ? `${Math.round(abs / 1000)} s` : abs < 172_800_000 ? `${Math.round(abs / 60_000)} min` : `${Math.round(abs / 86_400_000)} d`;
  return `${ms < 0 ? '-' : '+'}${text}`;
}
