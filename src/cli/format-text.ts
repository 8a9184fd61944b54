/** Renders an analysis as readable chains for a terminal. */
import type { Analysis, Diagnostic, Flow, Step } from '../core/model';
import type { DecodedToken } from '../core/tokens';
import { relativeTime } from '../core/tokens';
import { bodyObject } from '../core/body';
import { hasStory, signInTimeline } from '../core/view/timeline';

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

const OUTCOME_MARK = { authenticated: '✔ authenticated', failed: '✖ failed', pending: '… pending' } as const;

/** "1 step", "3 steps", "1 entry", "2 entries". */
function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** How a step after the sign-in is tied to it: its access token, or its ID token in Logins. */
function joinLine(step: Step, style: Style): string | null {
  if (step.withTokens) return style.dim('    │ with this sign-in\'s tokens (access token)');
  if (!step.identity || step.handoff === 'start') return null;
  const login = step.identity.logins.find((l) => l.issued !== null);
  const how = step.handoffVia === 'identity-id' ? 'IdentityId from an earlier step' : login?.issued ? `${login.issued.as === 'id' ? 'ID' : login.issued.as} token of #${login.issued.entry} in Logins` : 'Logins';
  return style.dim(`    │ identity pool: ${how}`);
}

/** What an identity-pool step asked for and got: provider, identity, role, credentials' expiry (never keys). */
function identityLines(step: Step, style: Style): string[] {
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
      : Number.isFinite(step.call.startedAt) ? `expire ${relativeTime(credentials.expiresAt - step.call.startedAt)}` : `expire ${new Date(credentials.expiresAt).toISOString()}`;
    parts.push(`credentials ${credentials.accessKeyId ?? '(no key id)'} ${expiry}`);
  }
  return [style.dim(`      ${parts.join(' · ')}`)];
}

function handoffLine(step: Step, style: Style): string | null {
  if (step.withTokens || step.identity) return joinLine(step, style);
  if (step.handoff === 'start') return null;
  const what = step.handoffVia === 'secret-block' ? 'SECRET_BLOCK' : step.handoffVia === 'access-token' ? 'AccessToken' : 'Session';
  const age = step.sessionAgeMs !== null ? ` after ${duration(step.sessionAgeMs)}` : '';
  const fp = step.sessionSent ? ` ${style.dim(step.sessionSent)}` : '';
  const text = `${what} ${step.handoff}${fp}${age}${step.sessionExpired ? ' (expired)' : ''}`;
  return step.handoff === 'ok' && !step.sessionExpired ? style.dim(`    │ ${text}`) : style.red(`    │ ${text}`);
}

function tokenLine(name: string, token: DecodedToken | null): string | null {
  if (!token) return null;
  if (token.kind !== 'jwt') return `${name}: ${token.reason}`;
  const c = token.claims;
  const who = c['cognito:username'] ?? c.username ?? c.sub;
  const parts = [`user ${String(who)}`];
  if (typeof c.scope === 'string') parts.push(`scope ${c.scope}`);
  if (Array.isArray(c['cognito:groups'])) parts.push(`groups ${c['cognito:groups'].join(',')}`);
  if (token.expiresInMs !== null) parts.push(token.expiresInMs > 0 ? `expires ${relativeTime(token.expiresInMs)}` : `expired ${relativeTime(token.expiresInMs)}`);
  return `${name}: ${parts.join(', ')}`;
}

/** What a step's response gave: an error, a challenge, tokens, or what setup calls return. */
function stepResult(step: Step, style: Style): string {
  const { call } = step;
  if (call.error) return style.red(call.error.type);
  if (step.challengeOut) return step.challengeOut;
  if (call.response.state === 'not-captured') return style.yellow('(response not captured)');
  if (call.response.state === 'unparseable') return style.yellow('(response unreadable)');
  const body = bodyObject(call.response);
  if ('AuthenticationResult' in body) return style.green('tokens');
  if (step.identity?.credentials) return style.green('credentials');
  if (step.identity?.openIdToken) return style.green('OpenID token');
  if (step.identity?.identityIdReturned) return 'IdentityId';
  if (typeof body.SecretCode === 'string') return 'SecretCode';
  if (typeof body.Status === 'string') return `Status ${body.Status}`;
  if ('CodeDeliveryDetails' in body) return 'code sent';
  return 'ok';
}

function diagnosticLines(d: Diagnostic, style: Style): string[] {
  const paint = d.severity === 'error' ? style.red : d.severity === 'warning' ? style.yellow : style.dim;
  const mark = d.severity === 'error' ? '✖' : d.severity === 'warning' ? '▲' : 'ℹ';
  return [paint(`      ${mark} ${d.code}: ${d.message}`), style.dim(`        ${d.hint}`)];
}

/** "+0 s", "+30 min", "+110 min", "+3 d": a time relative to the sign-in, in minutes for the first two days. */
function offset(ms: number): string {
  const abs = Math.abs(ms);
  const text = abs < 120_000 ? `${Math.round(abs / 1000)} s` : abs < 172_800_000 ? `${Math.round(abs / 60_000)} min` : `${Math.round(abs / 86_400_000)} d`;
  return `${ms < 0 ? '-' : '+'}${text}`;
}

/** The sign-in's timeline, for flows with more to tell than the sign-in (refreshes, credentials, expiry). */
function timelineLines(analysis: Analysis, flow: Flow, style: Style): string[] {
  if (flow.kind === 'identity' || flow.refreshOf || flow.outcome !== 'authenticated') return [];
  const events = signInTimeline(analysis, flow);
  if (!hasStory(events)) return [];
  const start = flow.startedAt;
  const width = Math.max(...events.map((e) => offset(e.at - start).length));
  return [style.dim('    timeline (from the sign-in):'), ...events.map((e) => {
    const line = `      ${offset(e.at - start).padEnd(width)}  ${e.label}`;
    return e.kind === 'refresh-failed' ? style.red(line) : e.kind.endsWith('expire') ? style.yellow(line) : style.dim(line);
  })];
}

function flowLines(flow: Flow, byEntry: Map<number, Diagnostic[]>, style: Style): string[] {
  const outcome = OUTCOME_MARK[flow.outcome];
  const paint = flow.outcome === 'authenticated' ? style.green : flow.outcome === 'failed' ? style.red : style.yellow;
  const kind = flow.kind === 'identity' ? 'identity pool' : (flow.authFlow ?? '');
  const lineage = flow.refreshOf ? `  refresh of ${flow.refreshOf}` : '';
  const lines = [
    `${style.bold(flow.id)}  ${flow.user ?? '(no user)'}  client ${flow.clientId ?? '?'}  ${kind}${lineage}  ${paint(outcome)}  ${style.dim(`${count(flow.steps.length, 'step')}, ${duration(flow.endedAt - flow.startedAt)}`)}`,
  ];
  for (const step of flow.steps) {
    const handoff = handoffLine(step, style);
    if (handoff) lines.push(handoff);
    const answered = step.challengeIn ? ` ${step.challengeIn}` : '';
    lines.push(`  #${step.call.entry}  ${step.call.operation}${answered} → ${stepResult(step, style)}  ${style.dim(`${step.call.status} · ${duration(step.call.duration)}`)}`);
    lines.push(...identityLines(step, style));
    for (const d of byEntry.get(step.call.entry) ?? []) lines.push(...diagnosticLines(d, style));
  }
  const tokens = [tokenLine('id token', flow.tokens.id), tokenLine('access token', flow.tokens.access), tokenLine('refresh token', flow.tokens.refresh)].filter((l): l is string => l !== null);
  for (const line of tokens) lines.push(`    ${line}`);
  return lines;
}

export function formatText(analysis: Analysis, style: Style): string {
  const byEntry = new Map<number, Diagnostic[]>();
  for (const d of analysis.diagnostics) byEntry.set(d.entry, [...(byEntry.get(d.entry) ?? []), d]);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = analysis.diagnostics.filter((d) => d.severity === 'warning').length;
  const identityFlows = analysis.flows.filter((flow) => flow.kind === 'identity').length;
  const signIns = analysis.flows.length - identityFlows;
  const out = [
    `${count(analysis.entries, 'entry', 'entries')}, ${count(analysis.calls.length, 'Cognito call')}, ${count(signIns, 'sign-in flow')}${identityFlows > 0 ? `, ${count(identityFlows, 'identity-pool flow')}` : ''}, ${count(errors, 'error')}, ${count(warnings, 'warning')}`,
    '',
  ];
  for (const flow of analysis.flows) out.push(...flowLines(flow, byEntry, style), ...timelineLines(analysis, flow, style), '');
  if (analysis.standalone.length > 0) {
    out.push(style.bold('Other Cognito calls'));
    for (const call of analysis.standalone) {
      out.push(`  #${call.entry}  ${call.operation}  ${call.error ? style.red(call.error.type) : call.status}`);
      for (const d of byEntry.get(call.entry) ?? []) out.push(...diagnosticLines(d, style));
    }
    out.push('');
  }
  if (analysis.calls.length === 0) out.push('No Cognito calls (no request with X-Amz-Target: AWSCognitoIdentityProviderService.* or AWSCognitoIdentityService.*).');
  return out.join('\n');
}
