/**
 * Renders an analysis as readable chains for a terminal.
 *
 * Lines are built as segments — plain text, or text to paint — and only `renderLine` turns them
 * into characters: it passes every piece of text through `visibleLine` (captured strings can carry
 * terminal escapes and newlines) before our own colour codes are wrapped around it. No captured
 * text reaches the terminal any other way.
 */
import type { Analysis, Diagnostic, Flow, Step } from '../core/model';
import type { DecodedToken } from '../core/tokens';
import { relativeTime, tokenClaims } from '../core/tokens';
import { bodyObject } from '../core/body';
import { jsonText } from '../core/json-text';
import { visibleLine } from './terminal-text';
import { handoffView, linkKind, linkWords } from '../core/view/handoff-view';
import { sentSessionFingerprint } from '../core/step-sessions';
import { formatClientId } from '../core/view/format';
import { formatOffset, storyTimeline } from '../core/view/timeline';
import type { OAuthEntry, OAuthFlow } from '../core/oauth/model';
import { identityFlowsByManagedLogin } from '../core/oauth/identity-join';
import { oauthLinkReason } from '../core/oauth/link-reason';
import { byStartThenEntry } from '../core/links/time-order';
import { managedLoginOfRefreshFlows } from '../core/oauth/api-refresh-join';
import { managedLoginCalls, type JoinedStep } from '../core/oauth/api-join';
import { appendAll } from '../core/long-lists';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
}

const ansi = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
export const COLOR: Style = { bold: ansi(1), dim: ansi(2), red: ansi(31), yellow: ansi(33), green: ansi(32) };
export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, green: (s) => s };

type Paint = keyof Style;
/** A piece of a line: text (made visible when rendered), or pieces to paint. */
export type Segment = string | { paint: Paint; parts: Segment[] };
type Line = Segment[];

const paint = (how: Paint, ...parts: Segment[]): Segment => ({ paint: how, parts });
const bold = (...parts: Segment[]) => paint('bold', ...parts);
const dim = (...parts: Segment[]) => paint('dim', ...parts);
const red = (...parts: Segment[]) => paint('red', ...parts);
const yellow = (...parts: Segment[]) => paint('yellow', ...parts);
const green = (...parts: Segment[]) => paint('green', ...parts);

function renderSegment(segment: Segment, style: Style): string {
  if (typeof segment === 'string') return visibleLine(segment);
  return style[segment.paint](segment.parts.map((part) => renderSegment(part, style)).join(''));
}

/** One line for the terminal: every text piece made visible, then painted. */
export function renderLine(line: readonly Segment[], style: Style): string {
  return line.map((segment) => renderSegment(segment, style)).join('');
}

const OUTCOME_MARK = { authenticated: '✔ authenticated', failed: '✖ failed', pending: '… pending' } as const;

/** "1 step", "3 steps", "1 entry", "2 entries". */
function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A summary line shows this much of a claim; the JSON report has all of it. */
const CLAIM_CHARS = 200;

/**
 * A claim's value as text. Claims are whatever the token's payload holds: never `String()` them
 * (`{"toString":1}` throws; an array nested 100,000 deep overflows `join`).
 */
function claimText(value: unknown): string {
  // Only the start of a huge value is written (stopAfter): the line shows no more anyway.
  const text = typeof value === 'string' ? value : value === undefined ? '(none)' : (jsonText(value, { stopAfter: CLAIM_CHARS + 1 }) ?? '(none)');
  return text.length > CLAIM_CHARS ? `${text.slice(0, CLAIM_CHARS)}…` : text;
}

/** How a step after the sign-in is tied to it: its access token, or its ID token in Logins. */
function joinLine(step: Step): Line | null {
  if (step.withTokens) return [dim(`    │ with this sign-in's tokens (${step.handoffVia === 'refresh-token' ? 'refresh token' : 'access token'})`)];
  if (!step.identity || step.handoff === 'start') return null;
  const login = step.identity.logins.find((l) => l.issued !== null);
  const how = step.handoffVia === 'identity-id' ? 'IdentityId from an earlier step' : login?.issued ? `${login.issued.as === 'id' ? 'ID' : login.issued.as} token of #${login.issued.entry} in Logins` : 'Logins';
  return [dim('    │ identity pool: ', how)];
}

/** What an identity-pool step asked for and got: provider, identity, role, credentials' expiry (never keys). */
function identityLines(step: Step): Line[] {
  const exchange = step.identity;
  if (!exchange) return [];
  const parts: string[] = [];
  if (exchange.logins.length > 0) parts.push(`provider ${exchange.logins.map((l) => l.provider).join(', ')}`);
  else parts.push(exchange.loginsSent ? 'guest (empty Logins)' : 'guest (no Logins)');
  const identity = exchange.identityIdReturned ?? exchange.identityIdSent;
  if (identity) parts.push(`identity ${identity}`);
  if (exchange.customRoleArn) parts.push(`role ${exchange.customRoleArn}`);
  const credentials = exchange.credentials;
  if (credentials) {
    const expiry = credentials.expiresAt === null ? `expiry unreadable (${credentials.expirationProblem ?? 'none'})`
      : Number.isFinite(step.call.startedAt) ? `expire ${relativeTime(credentials.expiresAt - step.call.startedAt)}` : `expire ${safeIso(credentials.expiresAt)}`;
    parts.push(`credentials ${credentials.accessKeyId ?? '(no key id)'} ${expiry}`);
  }
  return [[dim('      ', parts.join(' · '))]];
}

/** An ISO date, or why there is none (a huge or non-finite time must not throw). */
function safeIso(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '(out of range)' : date.toISOString();
}

function handoffLine(step: Step, flow: Flow | undefined): Line | null {
  if (step.withTokens || step.identity) return joinLine(step);
  if (step.handoff === 'start') return null;
  const words = linkWords(step);
  if (words) return [dim(`    │ ${words}`)];
  // What the verdict alone cannot tell: a Session that cannot be checked, a retry after a rejection.
  const kind = linkKind(step, flow);
  if (kind === 'unchecked' || kind === 'retried') return [yellow(`    │ ${handoffView(step, flow).label}`)];
  const what = step.handoffVia === 'secret-block' ? 'SECRET_BLOCK' : step.handoffVia === 'access-token' ? 'AccessToken' : 'Session';
  const age = step.sessionAgeMs !== null ? ` after ${duration(step.sessionAgeMs)}` : '';
  const print = sentSessionFingerprint(step);
  const fp: Segment[] = print ? [' ', dim(print)] : [];
  const text: Segment[] = ['    │ ', `${what} ${step.handoff}`, ...fp, `${age}${step.sessionExpired ? ' (expired)' : ''}`];
  return [step.handoff === 'ok' && !step.sessionExpired ? dim(...text) : red(...text)];
}

function tokenLine(name: string, token: DecodedToken | null): Line | null {
  if (!token) return null;
  if (token.kind !== 'jwt') return [`    ${name}: `, token.reason];
  const c = tokenClaims(token);
  const who = c['cognito:username'] ?? c.username ?? c.sub;
  const parts = [`user ${claimText(who)}`];
  if (typeof c.scope === 'string') parts.push(`scope ${c.scope}`);
  const groups = c['cognito:groups'];
  if (Array.isArray(groups)) parts.push(`groups ${groups.map(claimText).join(',')}`);
  if (token.expiresInMs !== null) parts.push(token.expiresInMs > 0 ? `expires ${relativeTime(token.expiresInMs)}` : `expired ${relativeTime(token.expiresInMs)}`);
  return [`    ${name}: `, parts.join(', ')];
}

/** What a step's response gave: an error, a challenge, tokens, or what setup calls return. */
function stepResult(step: Step): Segment {
  const { call } = step;
  if (call.error) return red(call.error.type);
  if (step.challengeOut) return step.challengeOut;
  if (call.response.state === 'not-captured') return yellow('(response not captured)');
  if (call.response.state === 'unparseable') return yellow('(response unreadable)');
  const body = bodyObject(call.response);
  if ('AuthenticationResult' in body) return green('tokens');
  if (step.identity?.credentials) return green('credentials');
  if (step.identity?.openIdToken) return green('OpenID token');
  if (step.identity?.identityIdReturned) return 'IdentityId';
  if (typeof body.SecretCode === 'string') return 'SecretCode';
  if (typeof body.Status === 'string') return `Status ${body.Status}`;
  if ('CodeDeliveryDetails' in body) return 'code sent';
  return 'ok';
}

function diagnosticLines(d: Diagnostic): Line[] {
  const how = d.severity === 'error' ? red : d.severity === 'warning' ? yellow : dim;
  const mark = d.severity === 'error' ? '✖' : d.severity === 'warning' ? '▲' : 'ℹ';
  return [[how(`      ${mark} `, d.code, ': ', d.message)], [dim('        ', d.hint)]];
}

/** The sign-in's timeline, for flows with more to tell than the sign-in (refreshes, credentials, expiry). */
function timelineLines(analysis: Analysis, flow: Flow): Line[] {
  const events = storyTimeline(analysis, flow);
  if (!events) return [];
  const start = flow.startedAt;
  // A loop, not Math.max(...): a sign-in refreshed some 200,000 times would overflow the spread.
  const width = events.reduce((widest, e) => Math.max(widest, formatOffset(e.at - start).length), 0);
  return [[dim('    timeline (from the sign-in):')], ...events.map((e): Line => {
    const how = e.kind === 'refresh-failed' ? red : e.kind.endsWith('expire') ? yellow : dim;
    return [how(`      ${formatOffset(e.at - start).padEnd(width)}  `, e.label)];
  })];
}

/** One step's lines; `flow` undefined for a call outside any flow shown in a managed-login chain. */
function stepLines(step: Step, flow: Flow | undefined, byEntry: Map<number, Diagnostic[]>): Line[] {
  const lines: Line[] = [];
  const handoff = handoffLine(step, flow);
  if (handoff) lines.push(handoff);
  const answered = step.challengeIn ? [' ', step.challengeIn] : [];
  lines.push([`  #${step.call.entry}  `, step.call.operation, ...answered, ' → ', stepResult(step), '  ', dim(`${step.call.status} · ${duration(step.call.duration)}`)]);
  appendAll(lines, identityLines(step));
  for (const d of byEntry.get(step.call.entry) ?? []) appendAll(lines, diagnosticLines(d));
  return lines;
}

function flowLines(flow: Flow, byEntry: Map<number, Diagnostic[]>, refreshOfManagedLogin?: string): Line[] {
  const refreshOf = flow.refreshOf ?? refreshOfManagedLogin;
  const outcome = OUTCOME_MARK[flow.outcome];
  const how = flow.outcome === 'authenticated' ? green : flow.outcome === 'failed' ? red : yellow;
  const lines: Line[] = [
    [bold(flow.id), '  ', flow.user ?? '(no user)', '  client ', formatClientId(flow.clientId), '  ', flow.kind === 'identity' ? 'identity pool' : (flow.authFlow ?? ''), refreshOf ? `  refresh of ${refreshOf}` : '', '  ', how(outcome), '  ',
      dim(`${count(flow.steps.length, 'step')}, ${duration(flow.endedAt - flow.startedAt)}`)],
  ];
  for (const step of flow.steps) appendAll(lines, stepLines(step, flow, byEntry));
  for (const line of [tokenLine('id token', flow.tokens.id), tokenLine('access token', flow.tokens.access), tokenLine('refresh token', flow.tokens.refresh)]) {
    if (line) lines.push(line);
  }
  return lines;
}

/** What a managed-login step led to: its error, the next hop, or tokens. */
function oauthResult(entry: OAuthEntry): Segment {
  if (entry.error) return red(entry.error.code);
  if (entry.kind === 'token' && entry.responseJson && typeof entry.responseJson.access_token === 'string') return green('tokens');
  // Never the query or fragment: they carry codes, state and (implicit grant) tokens.
  if (entry.location) return `redirect ${entry.location.split(/[?#]/, 1)[0] ?? ''}`;
  return 'ok';
}

function oauthFlowLines(flow: OAuthFlow, byEntry: Map<number, Diagnostic[]>, identity: readonly Flow[], calls: readonly JoinedStep[]): Line[] {
  const how = flow.outcome === 'authenticated' ? green : flow.outcome === 'failed' ? red : yellow;
  const lines: Line[] = [
    [bold(flow.id), '  managed login  ', flow.user ?? '(no user)', '  client ', formatClientId(flow.clientId), '  ', flow.grant ? `grant ${flow.grant}` : '', '  ', how(OUTCOME_MARK[flow.outcome]), '  ',
      dim(`${count(flow.steps.length, 'step')}, ${duration(flow.endedAt - flow.startedAt)}`)],
  ];
  for (const step of flow.steps) {
    const { entry, link } = step;
    const reason = oauthLinkReason(step, (linked) => `#${linked}`);
    if (link !== 'start' && link !== 'unlinked') lines.push([dim(`    │ by ${link}${reason ? `: ${reason}` : ''}`)]);
    const path = entry.kind === 'callback' || entry.kind === 'redirect' ? entry.origin + entry.path : entry.path;
    lines.push([`  #${entry.entry}  `, entry.kind, '  ', entry.method, ' ', path, ' → ', oauthResult(entry), '  ', dim(`${entry.status} · ${duration(entry.duration)}`)]);
    for (const d of byEntry.get(entry.entry) ?? []) appendAll(lines, diagnosticLines(d));
  }
  for (const line of [tokenLine('id token', flow.tokens.id), tokenLine('access token', flow.tokens.access), tokenLine('refresh token', flow.tokens.refresh)]) {
    if (line) lines.push(line);
  }
  // What followed the sign-in, as an API flow shows its own, in time order (as the panel's chain):
  // user-pool calls made with its tokens (oauth/api-join.ts), identity-pool exchanges that sent them.
  const after: { startedAt: number; entry: number; lines: Line[] }[] = calls.map(({ step, flow: of }) => ({ startedAt: step.call.startedAt, entry: step.call.entry, lines: stepLines(step, of ?? undefined, byEntry) }));
  for (const joined of identity) {
    const group: Line[] = [];
    joined.steps.forEach((step, index) => {
      if (index === 0) group.push([dim('    │ identity pool: ID token from this sign-in')]);
      appendAll(group, stepLines(step, joined, byEntry));
    });
    after.push({ startedAt: joined.steps[0]?.call.startedAt ?? Number.NaN, entry: joined.steps[0]?.call.entry ?? 0, lines: group });
  }
  if (calls.length > 0 && identity.length > 0) after.sort(byStartThenEntry);
  for (const part of after) appendAll(lines, part.lines);
  return lines;
}

/** The analysis as lines of segments, before rendering. */
function analysisLines(analysis: Analysis): Line[] {
  const byEntry = new Map<number, Diagnostic[]>();
  for (const d of analysis.diagnostics) byEntry.set(d.entry, [...(byEntry.get(d.entry) ?? []), d]);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = analysis.diagnostics.filter((d) => d.severity === 'warning').length;
  const identityFlows = analysis.flows.filter((flow) => flow.kind === 'identity').length;
  const signIns = analysis.flows.length - identityFlows;
  const oauthFlows = analysis.oauth.flows.length;
  const out: Line[] = [
    [`${count(analysis.entries, 'entry', 'entries')}, ${count(analysis.calls.length, 'Cognito call')}, ${count(signIns, 'sign-in flow')}${identityFlows > 0 ? `, ${count(identityFlows, 'identity-pool flow')}` : ''}${oauthFlows > 0 ? `, ${count(oauthFlows, 'managed-login flow')}` : ''}, ${count(errors, 'error')}, ${count(warnings, 'warning')}`],
    [],
  ];
  const byOAuth = identityFlowsByManagedLogin(analysis);
  const inside = new Set([...byOAuth.values()].flat());
  const refreshes = managedLoginOfRefreshFlows(analysis);
  const joined = managedLoginCalls(analysis);
  for (const flow of analysis.flows) {
    if (inside.has(flow) || joined.oauthOfFlow.has(flow.id)) continue;
    appendAll(out, flowLines(flow, byEntry, refreshes.get(flow.id)));
    appendAll(out, timelineLines(analysis, flow));
    out.push([]);
  }
  for (const flow of analysis.oauth.flows) {
    appendAll(out, oauthFlowLines(flow, byEntry, byOAuth.get(flow.id) ?? [], joined.byOAuth.get(flow.id) ?? []));
    out.push([]);
  }
  if (analysis.oauth.standalone.length > 0) {
    out.push([bold('Other managed-login requests')]);
    for (const entry of analysis.oauth.standalone) {
      out.push([`  #${entry.entry}  `, entry.kind, '  ', entry.method, ' ', entry.path, ' → ', oauthResult(entry)]);
      for (const d of byEntry.get(entry.entry) ?? []) appendAll(out, diagnosticLines(d));
    }
    out.push([]);
  }
  // Calls made with a managed-login sign-in's tokens are shown in its flow above.
  if (joined.other.length > 0) {
    out.push([bold('Other Cognito calls')]);
    for (const call of joined.other) {
      out.push([`  #${call.entry}  `, call.operation, '  ', call.error ? red(call.error.type) : String(call.status)]);
      for (const d of byEntry.get(call.entry) ?? []) appendAll(out, diagnosticLines(d));
    }
    out.push([]);
  }
  if (analysis.calls.length === 0 && analysis.oauth.entries.length === 0) out.push(['No Cognito calls (no request with X-Amz-Target: AWSCognitoIdentityProviderService.* or AWSCognitoIdentityService.*) and no managed-login traffic.']);
  return out;
}

export function formatText(analysis: Analysis, style: Style): string {
  return analysisLines(analysis).map((line) => renderLine(line, style)).join('\n');
}
