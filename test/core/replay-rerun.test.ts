/**
 * The re-run runner against the strict double (in front of a real cognito-local, with the SRP
 * stand-in): the three situations a user of real Cognito meets, done from captured entries alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeEntries } from '../../src/core/analyze';
import type { HarEntry } from '../../src/core/har';
import type { Flow } from '../../src/core/model';
import { buildReplay, COGNITO_CONTENT_TYPE } from '../../src/core/replay';
import { planRerun } from '../../src/core/replay/plan';
import { runRerun, type RerunSecrets } from '../../src/core/replay/rerun';
import { passwordVerifier, srpStart } from '../../src/core/srp/srp';
import { totpFromSecret } from '../../src/core/srp/totp';
import { fetchReplay } from '../../src/panel/replay-fetch';
import { startSeededCognitoLocal, type CognitoLocalServer, type CognitoSeed } from '../support/cognito-local';
import { startStrictCognito, type StrictCognito } from '../support/strict-cognito';

let cognito: CognitoLocalServer;
let seed: CognitoSeed;
let strict: StrictCognito;

beforeAll(async () => {
  ({ server: cognito, seed } = await startSeededCognitoLocal());
  strict = await startStrictCognito({
    upstream: seed.endpoint,
    clientSecrets: { [seed.secretClient.clientId]: seed.secretClient.clientSecret },
    srp: { userPoolId: seed.userPoolId, clientIds: [seed.clientId], users: [{ username: 'alice', password: 'Alice-Passw0rd!' }] },
  });
});

afterAll(async () => {
  await strict?.close();
  await cognito?.stop();
});

/** What the app did, as the browser would have captured it (no `_replayOf`, the page's Origin). */
async function captured(operation: string, body: Record<string, unknown>): Promise<HarEntry> {
  const entry = await fetchReplay({
    url: `${strict.endpoint}/`, method: 'POST', replayOf: -1, operation, body: JSON.stringify(body),
    headers: { 'Content-Type': COGNITO_CONTENT_TYPE, 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
  });
  delete entry._replayOf;
  return entry;
}

function flowOf(entries: HarEntry[]): { flow: Flow; flows: Flow[] } {
  const analysis = analyzeEntries(entries);
  return { flow: analysis.flows[0]!, flows: analysis.flows };
}

function responseOf(entry: HarEntry): Record<string, unknown> {
  return JSON.parse(entry.response.content.text ?? '{}') as Record<string, unknown>;
}

async function rerun(entries: HarEntry[], secrets: RerunSecrets, edit?: (body: Record<string, unknown>) => void) {
  const { flow, flows } = flowOf(entries);
  const target = flow.steps.at(-1)!;
  const plan = planRerun(flow, target.call.entry, flows);
  if (!plan.ok) throw new Error(plan.reason);
  const edited = JSON.parse(target.call.har.request.postData!.text!) as Record<string, unknown>;
  edit?.(edited);
  const result = await runRerun(plan, flow, edited, secrets, (request) => fetchReplay(request));
  return { plan, result, all: [...entries, ...result.entries] };
}

describe('re-run against the strict double', () => {
  it('TOTP whose first code was wrong: the direct replay is refused ("Invalid session"), the re-run with a fresh code signs in', async () => {
    const user = seed.users['totp-mfa'];
    const started = await captured('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: seed.clientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } });
    const code = (await totpFromSecret(user.totpSecret!, Date.now()))!;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const failed = await captured('RespondToAuthChallenge', {
      ClientId: seed.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: responseOf(started).Session, ChallengeResponses: { USERNAME: user.username, SOFTWARE_TOKEN_MFA_CODE: wrong },
    });
    expect(responseOf(failed).__type).toBe('CodeMismatchException');

    const { flow } = flowOf([started, failed]);
    const direct = buildReplay(flow.steps[1]!.call, JSON.stringify({ ...JSON.parse(failed.request.postData!.text!) as object, ChallengeResponses: { USERNAME: user.username, SOFTWARE_TOKEN_MFA_CODE: code } }));
    if (!direct.ok) throw new Error(direct.reason);
    const refused = await fetchReplay(direct.request);
    expect(responseOf(refused)).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid session for the user.' });

    const { plan, result, all } = await rerun([started, failed], { codes: { [flow.steps[1]!.call.entry]: code } });
    expect(plan.ok && plan.asks).toEqual(['code']);
    expect(result).toMatchObject({ ok: true, reason: null });
    expect(result.entries.map((e) => e._replayOf)).toEqual([0, 1]);
    expect(responseOf(result.entries[1]!).AuthenticationResult).toBeDefined();
    // The core links the re-run as a branch of the captured flow: same chain, starting again, ending with tokens.
    const analysis = analyzeEntries(all);
    expect(analysis.flows).toHaveLength(1);
    const [branch] = analysis.flows;
    expect(branch!.outcome).toBe('authenticated');
    expect(branch!.tokens.id?.kind).toBe('jwt');
    expect(branch!.steps.map((s) => [s.call.replayOf, s.handoff])).toEqual([[null, 'start'], [null, 'ok'], [0, 'start'], [1, 'ok']]);
    // Nothing about the re-run is flagged: it is a clean sign-in.
    expect(analysis.diagnostics.filter((d) => d.entry >= 2 && d.severity !== 'info')).toEqual([]);
  });

  it('SRP sign-in refused for a wrong password: the re-run with the typed password reaches tokens', async () => {
    const start = srpStart();
    const initiated = await captured('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: seed.clientId, AuthParameters: { USERNAME: 'alice', SRP_A: start.srpA } });
    const params = responseOf(initiated).ChallengeParameters as Record<string, string>;
    const proof = await passwordVerifier({
      userPoolId: seed.userPoolId, userIdForSrp: params.USER_ID_FOR_SRP!, srpB: params.SRP_B!, salt: params.SALT!, secretBlock: params.SECRET_BLOCK!,
      password: 'wrong-password', start, now: new Date(),
    });
    if (!proof.ok) throw new Error(proof.reason);
    const failed = await captured('RespondToAuthChallenge', { ClientId: seed.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: { USERNAME: 'alice', ...proof.responses } });
    expect(responseOf(failed).__type).toBe('NotAuthorizedException');

    const missingPool = await rerun([initiated, failed], { password: 'Alice-Passw0rd!' });
    expect(missingPool.result).toMatchObject({ ok: false, reason: 'Type the user pool id first.' });
    const { plan, result } = await rerun([initiated, failed], { password: 'Alice-Passw0rd!', userPoolId: seed.userPoolId });
    expect(plan.ok && plan.asks).toEqual(['password', 'user-pool-id']);
    expect(result.reason).toBeNull();
    expect(responseOf(result.entries.at(-1)!).AuthenticationResult).toBeDefined();
  });

  it('sign-in lacking SECRET_HASH: the re-run computes it from the typed client secret and signs in', async () => {
    const alice = seed.users.confirmed;
    const failed = await captured('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: seed.secretClient.clientId, AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } });
    expect(responseOf(failed).message).toBe(`Client ${seed.secretClient.clientId} is configured for secret but secret was not received`);
    const wrongSecret = await rerun([failed], { clientSecret: 'not-the-secret' });
    expect(wrongSecret.result.reason).toMatch(/Unable to verify secret hash/);
    const { plan, result } = await rerun([failed], { clientSecret: seed.secretClient.clientSecret });
    expect(plan.ok && plan.asks).toEqual(['client-secret']);
    expect(result.ok).toBe(true);
    expect(responseOf(result.entries[0]!).AuthenticationResult).toBeDefined();
  });

  it('stops with a reason, sending nothing, when a needed value was not typed', async () => {
    const user = seed.users['totp-mfa'];
    const started = await captured('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: seed.clientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } });
    const failed = await captured('RespondToAuthChallenge', {
      ClientId: seed.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: responseOf(started).Session, ChallengeResponses: { USERNAME: user.username, SOFTWARE_TOKEN_MFA_CODE: '000000' },
    });
    const { result } = await rerun([started, failed], {});
    expect(result).toMatchObject({ ok: false, reason: 'Type a fresh code first.', entries: [] });
  });
});
