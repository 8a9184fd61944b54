/**
 * Issue 12: identity-pool calls that carry a token from /oauth2/token join the managed-login flow
 * that was issued it — in the panel's chain and rows, in `--json` and in the CLI's text — built on
 * the real captures: the oidc-provider double's good sign-in, then the identity-pool exchanges of
 * the Amplify identity capture sending that sign-in's token in Logins.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeEntries } from '../../src/core/analyze';
import { liveEntryByEntry } from '../support/live-stream';
import { managedLoginOfIdentityFlows } from '../../src/core/oauth/identity-join';
import { toReport } from '../../src/core/report';
import { flowRows } from '../../src/core/view/flow-row';
import { panelFlows } from '../../src/core/view/oauth-chain';
import { formatText, PLAIN } from '../../src/cli/format-text';

interface Entry {
  startedDateTime: string;
  request: { url: string; headers: { name: string; value: string }[]; postData?: { text?: string } };
  response: { status: number; headers: { name: string; value: string }[]; content: { text?: string } };
}
const har = (path: string) => (JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { log: { entries: Entry[] } }).log.entries;

/** The good managed-login sign-in, then GetId and GetCredentialsForIdentity sending its `which` token. */
function signInThenCredentials(which: 'id_token' | 'other', refused = false): Entry[] {
  const entries = har('../fixtures/oauth/good.har');
  const token = entries.find((e) => e.request.url.includes('/oauth2/token'))!;
  const issued = JSON.parse(token.response.content.text!) as Record<string, string>;
  const claims = JSON.parse(Buffer.from(issued.id_token!.split('.')[1]!, 'base64url').toString()) as { iss: string };
  const provider = claims.iss.replace(/^https:\/\//, '');
  let at = Date.parse(entries.at(-1)!.startedDateTime) + 1000;
  const identity = har('../fixtures/real/identity-credentials.har').filter((e) => e.request.headers.some((h) => /^x-amz-target$/i.test(h.name) && h.value.startsWith('AWSCognitoIdentityService.')));
  expect(identity).toHaveLength(2);
  for (const call of identity) {
    const body = JSON.parse(call.request.postData!.text!) as { Logins?: Record<string, string> };
    const original = Object.values(body.Logins ?? {})[0]!;
    body.Logins = { [provider]: which === 'other' ? original : issued[which]! };
    call.request.postData!.text = JSON.stringify(body);
    call.startedDateTime = new Date(at).toISOString();
    if (refused && call === identity[1]) {
      // The identity pool refusing the exchange, as identity-pools.md's error table words it.
      call.response.status = 400;
      call.response.headers = [{ name: 'x-amzn-ErrorType', value: 'NotAuthorizedException' }, { name: 'content-type', value: 'application/x-amz-json-1.1' }];
      call.response.content.text = JSON.stringify({ __type: 'NotAuthorizedException', message: 'Invalid login token. Token expired: 1700000000 >= 1600000000' });
    }
    at += 200;
    entries.push(call);
  }
  return entries;
}

describe('identity-pool exchanges after a managed-login sign-in', () => {
  it('join the managed-login flow whose ID token they send: one chain, no identity row of their own', () => {
    const analysis = analyzeEntries(signInThenCredentials('id_token'));
    const identityFlow = analysis.flows.find((flow) => flow.kind === 'identity')!;
    expect(managedLoginOfIdentityFlows(analysis)).toEqual(new Map([[identityFlow.id, 'oauth-1']]));
    const shown = panelFlows(analysis);
    expect(shown.map((flow) => flow.id)).toEqual(['oauth-1']);
    const chain = shown[0]!;
    expect(chain.steps.map((step) => step.call.operation)).toEqual(['authorize', 'login', 'login', 'redirect', 'callback', 'token', 'GetId', 'GetCredentialsForIdentity']);
    // The first exchange reads as joined by the ID token; the analysis' own step is left as it was.
    expect(chain.steps[6]).toMatchObject({ handoff: 'ok', handoffVia: 'id-token' });
    expect(identityFlow.steps[0]!.handoff).toBe('start');
    expect(chain.steps[7]!.identity?.credentials?.expiresAt).toBeGreaterThan(0);
    expect(flowRows(analysis).map((row) => row.id)).toEqual(['oauth-1']);
  });

  it('name each other in --json and print inside the managed-login flow in the CLI', () => {
    const analysis = analyzeEntries(signInThenCredentials('id_token'));
    const report = toReport(analysis);
    const identity = report.flows.find((flow) => flow.kind === 'identity')!;
    expect(identity.managedLogin).toBe('oauth-1');
    expect(report.flows.find((flow) => flow.kind === 'oauth')?.identityFlows).toEqual([identity.id]);
    const text = formatText(analysis, PLAIN);
    expect(text).toContain('identity pool: ID token from this sign-in');
    // Printed once, inside oauth-1 (after its token step), not as a flow of its own.
    expect(text.indexOf('GetCredentialsForIdentity')).toBeGreaterThan(text.indexOf('POST /oauth2/token'));
    expect(text).not.toMatch(new RegExp(`^${identity.id} `, 'm'));
  });

  it('count the exchange\'s findings on the managed-login row (GetCredentialsForIdentity refused)', () => {
    const analysis = analyzeEntries(signInThenCredentials('id_token', true));
    const identityFlow = analysis.flows.find((flow) => flow.kind === 'identity')!;
    const own = analysis.diagnostics.filter((d) => d.flow === identityFlow.id && d.severity === 'error');
    expect(own.length).toBeGreaterThan(0);
    const row = flowRows(analysis).find((r) => r.id === 'oauth-1')!;
    expect(row.errors).toBe(own.length + analysis.diagnostics.filter((d) => d.flow === 'oauth-1' && d.severity === 'error').length);
  });

  it('near miss: a token no managed-login flow was issued keeps its identity flow', () => {
    const analysis = analyzeEntries(signInThenCredentials('other'));
    expect(managedLoginOfIdentityFlows(analysis).size).toBe(0);
    expect(panelFlows(analysis).map((flow) => flow.kind ?? 'oauth')).toEqual(['identity', 'oauth']);
    expect(toReport(analysis).flows.some((flow) => 'managedLogin' in flow || 'identityFlows' in flow)).toBe(false);
  });

  it('still join after a refresh replaced the flow\'s tokens: every ID token the flow was issued counts, not only its latest', () => {
    const entries = signInThenCredentials('id_token');
    const exchange = entries.find((e) => e.request.url.includes('/oauth2/token'))!;
    const issued = JSON.parse(exchange.response.content.text!) as Record<string, string>;
    // An hour on, the app refreshes at /oauth2/token with the sign-in's refresh token: a new ID token (another signature).
    const refresh = structuredClone(exchange);
    refresh.startedDateTime = new Date(Date.parse(entries.at(-1)!.startedDateTime) + 3_600_000).toISOString();
    refresh.request.postData!.text = new URLSearchParams({ grant_type: 'refresh_token', client_id: new URLSearchParams(exchange.request.postData!.text!).get('client_id')!, refresh_token: issued.refresh_token! }).toString();
    const [head, payload] = issued.id_token!.split('.');
    refresh.response.content.text = JSON.stringify({ id_token: `${head}.${payload}.refreshedSignature0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ`, access_token: issued.access_token, token_type: 'Bearer', expires_in: 3600 });
    entries.push(refresh);
    const analysis = analyzeEntries(entries);
    expect(analysis.oauth.flows).toHaveLength(1);
    expect(analysis.oauth.flows[0]!.tokens.id?.raw).not.toBe(issued.id_token);
    const identityFlow = analysis.flows.find((flow) => flow.kind === 'identity')!;
    expect(managedLoginOfIdentityFlows(analysis)).toEqual(new Map([[identityFlow.id, 'oauth-1']]));
    expect(panelFlows(analysis).map((flow) => flow.id)).toEqual(['oauth-1']);
  });

  it('the live panel shows the same chain, entry by entry', () => {
    const entries = signInThenCredentials('id_token');
    const analysis = liveEntryByEntry(entries);
    expect(panelFlows(analysis).map((flow) => [flow.id, flow.steps.length])).toEqual([['oauth-1', 8]]);
  });
});
