import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyzeEntries, analyzeHar } from '../../src/core/analyze';
import { buildReplay, replayDraft, replayEntry, replayRefusal, type ReplayRequest, type ReplayResponse } from '../../src/core/replay';
import type { CognitoCall } from '../../src/core/model';
import type { HarEntry } from '../../src/core/har';
import { cognitoEntry } from './entries';
import { startSeededCognitoLocal, type CognitoLocalServer, type CognitoSeed } from '../support/cognito-local';

function callOf(entry: HarEntry): CognitoCall {
  const call = analyzeEntries([entry]).calls[0];
  if (!call) throw new Error('not a Cognito call');
  return call;
}

const answer = cognitoEntry('RespondToAuthChallenge',
  { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: 'c1', Session: 'S1', ChallengeResponses: { USERNAME: 'carol' } },
  { __type: 'InvalidParameterException', message: 'Missing required parameter NEW_PASSWORD' }, { status: 400 });

describe('replay requests', () => {
  it('starts the edit from the captured body, pretty-printed', () => {
    const draft = replayDraft(callOf(answer));
    expect(draft).toContain('\n  "ChallengeName": "NEW_PASSWORD_REQUIRED"');
    expect(JSON.parse(draft)).toEqual(JSON.parse(answer.request.postData?.text ?? ''));
  });

  it('keeps the captured text of a body that was not JSON, so the user can fix it', () => {
    const broken = cognitoEntry('RespondToAuthChallenge', '{"ChallengeName": "SMS_MFA",', {});
    expect(replayDraft(callOf(broken))).toBe('{"ChallengeName": "SMS_MFA",');
  });

  it('sends only the URL, Content-Type, X-Amz-Target and the edited body — no cookies or page headers', () => {
    const withCookies: HarEntry = { ...answer, request: { ...answer.request, headers: [...answer.request.headers, { name: 'Cookie', value: 'sid=secret' }, { name: 'Content-Type', value: 'application/x-amz-json-1.1' }] } };
    const built = buildReplay(callOf(withCookies), '{"ChallengeName":"NEW_PASSWORD_REQUIRED","ChallengeResponses":{"USERNAME":"carol","NEW_PASSWORD":"x"}}');
    expect(built).toEqual({
      ok: true,
      request: {
        url: 'https://cognito-idp.eu-west-1.amazonaws.com/',
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.RespondToAuthChallenge' },
        body: '{"ChallengeName":"NEW_PASSWORD_REQUIRED","ChallengeResponses":{"USERNAME":"carol","NEW_PASSWORD":"x"}}',
        replayOf: 0,
        operation: 'RespondToAuthChallenge',
      },
    });
  });

  it('refuses edits that are not a JSON object, saying why', () => {
    const call = callOf(answer);
    expect(buildReplay(call, '{"ChallengeName":')).toMatchObject({ ok: false, reason: expect.stringContaining('not JSON') });
    expect(buildReplay(call, '[1,2]')).toMatchObject({ ok: false, reason: expect.stringContaining('JSON object') });
  });

  it('refuses SigV4-signed calls (Admin* operations, Authorization header) instead of failing at AWS', () => {
    const admin = cognitoEntry('AdminRespondToAuthChallenge', { ChallengeName: 'SMS_MFA' }, {});
    expect(replayRefusal(callOf(admin))).toMatch(/SigV4/);
    expect(buildReplay(callOf(admin), '{}')).toMatchObject({ ok: false });
    const signed: HarEntry = { ...answer, request: { ...answer.request, headers: [...answer.request.headers, { name: 'authorization', value: 'AWS4-HMAC-SHA256 …' }] } };
    expect(replayRefusal(callOf(signed))).toMatch(/signed/);
    const noUrl: HarEntry = { ...answer, request: { ...answer.request, url: 'about:blank' } };
    expect(replayRefusal(callOf(noUrl))).toMatch(/not an http/);
    expect(replayRefusal(callOf(answer))).toBeNull();
  });

  it('records a replay that got no response with the network error, so it shows flagged', () => {
    const request = (buildReplay(callOf(answer), '{}') as { ok: true; request: ReplayRequest }).request;
    const response: ReplayResponse = { status: 0, statusText: '', headers: [], text: '', startedAt: Date.parse('2026-11-23T10:01:00Z'), time: 5, error: 'Failed to fetch' };
    const analysis = analyzeEntries([answer, replayEntry(request, response)]);
    const replayed = analysis.calls[1];
    expect(replayed?.replayOf).toBe(0);
    expect(replayed?.status).toBe(0);
    expect(replayed?.error?.message).toContain('Failed to fetch');
  });
});

describe('replay against cognito-local: the fixed answer joins the chain', () => {
  let server: CognitoLocalServer;
  let seed: CognitoSeed;
  beforeAll(async () => ({ server, seed } = await startSeededCognitoLocal()));
  afterAll(async () => server?.stop());

  /** Sends like the panel does (fetch) and records the exchange as a HAR entry. */
  async function send(request: ReplayRequest): Promise<HarEntry> {
    const startedAt = Date.now();
    const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
    const text = await response.text();
    const headers = [...response.headers].map(([name, value]) => ({ name, value }));
    return replayEntry(request, { status: response.status, statusText: response.statusText, headers, text, startedAt, time: Date.now() - startedAt });
  }

  async function call(operation: string, body: unknown): Promise<HarEntry> {
    const request: ReplayRequest = {
      url: `${seed.endpoint}/`, method: 'POST', replayOf: -1, operation, body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
    };
    const entry = await send(request);
    delete entry._replayOf;
    return entry;
  }

  it('a NEW_PASSWORD_REQUIRED answer missing NEW_PASSWORD, replayed with it, authenticates in the same flow', async () => {
    const user = seed.users['new-password-broken'];
    const start = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: seed.clientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } });
    const session = (JSON.parse(start.response.content.text ?? '{}') as { Session?: string }).Session;
    expect(session).toBeTruthy();
    const broken = await call('RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: seed.clientId, Session: session, ChallengeResponses: { USERNAME: user.username } });
    const before = analyzeEntries([start, broken]);
    expect(before.diagnostics.find((d) => d.code === 'missing-challenge-response')?.keys).toContain('NEW_PASSWORD');

    const brokenCall = before.calls[1] as CognitoCall;
    const fixed = JSON.parse(replayDraft(brokenCall)) as { ChallengeResponses: Record<string, string> };
    fixed.ChallengeResponses.NEW_PASSWORD = user.newPassword ?? 'Fixed-Passw0rd!';
    const built = buildReplay(brokenCall, JSON.stringify(fixed));
    if (!built.ok) throw new Error(built.reason);
    const replayed = await send(built.request);

    const after = analyzeEntries([start, broken, replayed]);
    expect(after.flows).toHaveLength(1);
    const flow = after.flows[0];
    expect(flow?.steps.map((s) => s.call.entry)).toEqual([0, 1, 2]);
    expect(flow?.steps[2]?.call.replayOf).toBe(1);
    expect(flow?.outcome).toBe('authenticated');
    expect(flow?.tokens.id?.kind).toBe('jwt');
    // The missing key is still reported on the original answer, not on the replay.
    expect(after.diagnostics.filter((d) => d.code === 'missing-challenge-response').map((d) => d.entry)).toEqual([1]);
  });
});

describe('replayed entries from a real capture', () => {
  it('a replay of the captured broken answer links into the captured flow', () => {
    const har = JSON.parse(readFileSync('test/fixtures/real/broken-missing-new-password.har', 'utf8')) as { log: { entries: HarEntry[] } };
    const analysis = analyzeHar(har);
    const broken = analysis.calls.find((c) => c.operation === 'RespondToAuthChallenge');
    if (!broken) throw new Error('fixture changed: no RespondToAuthChallenge');
    const built = buildReplay(broken, replayDraft(broken));
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.request.url).toBe(broken.url);
    expect(JSON.parse(built.request.body)).toEqual(broken.request.state === 'json' ? broken.request.value : null);
  });
});

describe('diagnostics of a replay', () => {
  it('word a spent Session as the replay the user sent (use the re-run), not as app code to fix (a double submit)', () => {
    const start = cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c1', AuthParameters: { USERNAME: 'carol', PASSWORD: 'p' } },
      { ChallengeName: 'SMS_MFA', Session: 'S1'.padEnd(30, 'x'), ChallengeParameters: {} }, { at: '2026-11-23T10:00:00.000Z' });
    const answer = (at: string, replayOf?: number): HarEntry => ({
      ...cognitoEntry('RespondToAuthChallenge', { ChallengeName: 'SMS_MFA', ClientId: 'c1', Session: 'S1'.padEnd(30, 'x'), ChallengeResponses: { USERNAME: 'carol', SMS_MFA_CODE: '1' } },
        { __type: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' }, { status: 400, at }),
      ...(replayOf === undefined ? {} : { _replayOf: replayOf }),
    });
    const reused = (entries: HarEntry[]) => analyzeEntries(entries).diagnostics.find((d) => d.code === 'session-reused' && d.entry === 2);
    // The app's own retry after a rejected code: whether the Session survives is unverified (issue 9).
    const retried = reused([start, answer('2026-11-23T10:00:05.000Z'), answer('2026-11-23T10:00:06.000Z')]);
    expect(retried?.hint).toMatch(/unverified/);
    expect(retried?.hint).not.toMatch(/replay you sent from the panel/);
    const replayed = reused([start, answer('2026-11-23T10:00:05.000Z'), answer('2026-11-23T10:00:06.000Z', 1)]);
    expect(replayed?.hint).toMatch(/replay you sent from the panel/);
    expect(replayed?.hint).toMatch(/Re-run the sign-in up to this step/);
    expect(replayed?.hint).not.toMatch(/double submit/);
  });
});
