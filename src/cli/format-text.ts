/** Renders an analysis as readable chains for a terminal. */
import type { Analysis, Diagnostic, Flow, Step } from '../core/model';
import type { DecodedToken } from '../core/tokens';
import { relativeTime } from '../core/tokens';
import { bodyObject } from '../core/body';
import type { OAuthEntry, OAuthFlow } from '../core/oauth/model';

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

function handoffLine(step: Step, style: Style): string | null {
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

function flowLines(flow: Flow, byEntry: Map<number, Diagnostic[]>, style: Style): string[] {
  const outcome = OUTCOME_MARK[flow.outcome];
  const paint = flow.outcome === 'authenticated' ? style.green : flow.outcome === 'failed' ? style.red : style.yellow;
  const lines = [
    `${style.bold(flow.id)}  ${flow.user ?? '(no user)'}  client ${flow.clientId ?? '?'}  ${flow.authFlow ?? ''}  ${paint(outcome)}  ${style.dim(`${count(flow.steps.length, 'step')}, ${duration(flow.endedAt - flow.startedAt)}`)}`,
  ];
  for (const step of flow.steps) {
    const handoff = handoffLine(step, style);
    if (handoff) lines.push(handoff);
    const answered = step.challengeIn ? ` ${step.challengeIn}` : '';
    lines.push(`  #${step.call.entry}  ${step.call.operation}${answered} → ${stepResult(step, style)}  ${style.dim(`${step.call.status} · ${duration(step.call.duration)}`)}`);
    for (const d of byEntry.get(step.call.entry) ?? []) lines.push(...diagnosticLines(d, style));
  }
  const tokens = [tokenLine('id token', flow.tokens.id), tokenLine('access token', flow.tokens.access), tokenLine('refresh token', flow.tokens.refresh)].filter((l): l is string => l !== null);
  for (const line of tokens) lines.push(`    ${line}`);
  return lines;
}

/** What a managed-login step led to: its error, the next hop, or tokens. */
function oauthResult(entry: OAuthEntry, style: Style): string {
  if (entry.error) return style.red(entry.error.code);
  if (entry.kind === 'token' && entry.responseJson && typeof entry.responseJson.access_token === 'string') return style.green('tokens');
  if (entry.location) {
    // Never the query or fragment: they carry codes, state and (implicit grant) tokens.
    return `redirect ${entry.location.split(/[?#]/, 1)[0] ?? ''}`;
  }
  return 'ok';
}

function oauthFlowLines(flow: OAuthFlow, byEntry: Map<number, Diagnostic[]>, style: Style): string[] {
  const paint = flow.outcome === 'authenticated' ? style.green : flow.outcome === 'failed' ? style.red : style.yellow;
  const lines = [
    `${style.bold(flow.id)}  managed login  ${flow.user ?? '(no user)'}  client ${flow.clientId ?? '?'}  ${flow.grant ? `grant ${flow.grant}` : ''}  ${paint(OUTCOME_MARK[flow.outcome])}  ${style.dim(`${count(flow.steps.length, 'step')}, ${duration(flow.endedAt - flow.startedAt)}`)}`,
  ];
  for (const { entry, link } of flow.steps) {
    if (link !== 'start' && link !== 'unlinked') lines.push(style.dim(`    │ by ${link}`));
    const path = entry.kind === 'callback' || entry.kind === 'redirect' ? entry.origin + entry.path : entry.path;
    lines.push(`  #${entry.entry}  ${entry.kind}  ${entry.method} ${path} → ${oauthResult(entry, style)}  ${style.dim(`${entry.status} · ${duration(entry.duration)}`)}`);
    for (const d of byEntry.get(entry.entry) ?? []) lines.push(...diagnosticLines(d, style));
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
  const out = [
    `${count(analysis.entries, 'entry', 'entries')}, ${count(analysis.calls.length, 'Cognito call')}, ${count(analysis.flows.length, 'sign-in flow')}, ${analysis.oauth.flows.length > 0 ? `${count(analysis.oauth.flows.length, 'managed-login flow')}, ` : ''}${count(errors, 'error')}, ${count(warnings, 'warning')}`,
    '',
  ];
  for (const flow of analysis.flows) out.push(...flowLines(flow, byEntry, style), '');
  for (const flow of analysis.oauth.flows) out.push(...oauthFlowLines(flow, byEntry, style), '');
  if (analysis.oauth.standalone.length > 0) {
    out.push(style.bold('Other managed-login requests'));
    for (const entry of analysis.oauth.standalone) {
      out.push(`  #${entry.entry}  ${entry.kind}  ${entry.method} ${entry.path} → ${oauthResult(entry, style)}`);
      for (const d of byEntry.get(entry.entry) ?? []) out.push(...diagnosticLines(d, style));
    }
    out.push('');
  }
  if (analysis.standalone.length > 0) {
    out.push(style.bold('Other Cognito calls'));
    for (const call of analysis.standalone) {
      out.push(`  #${call.entry}  ${call.operation}  ${call.error ? style.red(call.error.type) : call.status}`);
      for (const d of byEntry.get(call.entry) ?? []) out.push(...diagnosticLines(d, style));
    }
    out.push('');
  }
  if (analysis.calls.length === 0 && analysis.oauth.entries.length === 0) out.push('No Cognito user-pool calls (no request with X-Amz-Target: AWSCognitoIdentityProviderService.*) and no managed-login traffic.');
  return out.join('\n');
}
