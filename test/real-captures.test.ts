/**
 * The analyzer over REAL captures: HAR files recorded from cognito-local (and our SRP stand-in)
 * driven by amazon-cognito-identity-js and the AWS SDK (see docs/real-captures.md).
 *
 * 1. Every committed test/fixtures/real/*.har gives the chains, tokens and diagnostics listed
 *    in EXPECTED below.
 * 2. A live run records a few scenarios afresh and must give the same chains — proof that the
 *    committed captures are still what the real libraries and server produce.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeHar } from '../src/core/analyze';
import { toReport, type Report, type ReportFlow } from '../src/core/report';
import type { Har } from '../src/core/har';
import {
  brokenMissingNewPassword,
  newPasswordRequired,
  recordScenario,
  srpSignIn,
  srpWrongPassword,
  startRecordingEnvironment,
  type RecordingEnvironment,
  type Scenario,
} from './support/cognito-scenarios';

const REAL_DIR = new URL('./fixtures/real/', import.meta.url);

// ---------------------------------------------------------------------------------------------
// Expected chains, written from the protocol (not from the analyzer's output)

/** One step: operation, challengeIn → challengeOut, handoff (via), HTTP status. */
interface ExpectedStep {
  op: string;
  in?: string;
  out?: string;
  handoff: 'start' | 'ok' | 'missing' | 'mismatch' | 'reused';
  via: 'none' | 'session' | 'secret-block' | 'access-token' | 'id-token';
  status?: number;
  error?: string;
}

interface ExpectedChain {
  user: string;
  authFlow: string;
  outcome: 'authenticated' | 'failed' | 'pending';
  steps: ExpectedStep[];
}

interface ExpectedDiagnostic {
  /** Index of the step (in the chain's steps) the diagnostic is about. */
  chain: number;
  step: number;
  code: string;
  keys?: string[];
}

interface ExpectedCapture {
  chains: ExpectedChain[];
  /** Operations outside any sign-in flow (order of capture). */
  otherCalls: string[];
  /** Diagnostics that must be present; any other diagnostic must not be an error. */
  diagnostics: ExpectedDiagnostic[];
}

const start = (out?: string): ExpectedStep => ({ op: 'InitiateAuth', ...(out ? { out } : {}), handoff: 'start', via: 'none' });
const answer = (challenge: string, out?: string, handoff: ExpectedStep['handoff'] = 'ok'): ExpectedStep =>
  ({ op: 'RespondToAuthChallenge', in: challenge, ...(out ? { out } : {}), handoff, via: 'session' });

const CHAINS = {
  alicePassword: { user: 'alice', authFlow: 'USER_PASSWORD_AUTH', outcome: 'authenticated', steps: [start()] },
  aliceWrongPassword: {
    user: 'alice', authFlow: 'USER_PASSWORD_AUTH', outcome: 'failed',
    steps: [{ ...start(), status: 400, error: 'InvalidPasswordException' }],
  },
  bobNewPassword: {
    user: 'bob-new', authFlow: 'USER_PASSWORD_AUTH', outcome: 'authenticated',
    steps: [start('NEW_PASSWORD_REQUIRED'), answer('NEW_PASSWORD_REQUIRED')],
  },
  // GetUser made with the sign-in's access token belongs to its story (issue 11).
  alicePasswordThenGetUser: {
    user: 'alice', authFlow: 'USER_PASSWORD_AUTH', outcome: 'authenticated',
    steps: [start(), { op: 'GetUser', handoff: 'ok', via: 'access-token' }],
  },
  // TOTP setup after sign-in: SetUserMFAPreference with the same access token joins too (issue 11).
  erinTotpSetup: {
    user: 'erin-totp', authFlow: 'USER_PASSWORD_AUTH', outcome: 'authenticated',
    steps: [
      start(),
      { op: 'AssociateSoftwareToken', handoff: 'ok', via: 'access-token' },
      { op: 'VerifySoftwareToken', handoff: 'ok', via: 'access-token' },
      { op: 'SetUserMFAPreference', handoff: 'ok', via: 'access-token' },
    ],
  },
  erinTotpSignIn: {
    user: 'erin-totp', authFlow: 'USER_PASSWORD_AUTH', outcome: 'authenticated',
    steps: [start('SOFTWARE_TOKEN_MFA'), answer('SOFTWARE_TOKEN_MFA')],
  },
  frankSms: {
    user: 'frank-sms', authFlow: 'USER_PASSWORD_AUTH', outcome: 'authenticated',
    steps: [start('SMS_MFA'), answer('SMS_MFA')],
  },
  graceSelect: {
    user: 'grace-select', authFlow: 'USER_PASSWORD_AUTH', outcome: 'authenticated',
    steps: [start('SELECT_MFA_TYPE'), answer('SELECT_MFA_TYPE', 'SOFTWARE_TOKEN_MFA'), answer('SOFTWARE_TOKEN_MFA')],
  },
  aliceRefresh: { user: 'alice', authFlow: 'REFRESH_TOKEN_AUTH', outcome: 'authenticated', steps: [start()] },
  carolBroken: {
    user: 'carol-broken', authFlow: 'USER_PASSWORD_AUTH', outcome: 'failed',
    steps: [start('NEW_PASSWORD_REQUIRED'), { ...answer('NEW_PASSWORD_REQUIRED'), status: 400, error: 'InvalidParameterException' }],
  },
  daveReused: {
    user: 'dave-reuse', authFlow: 'USER_PASSWORD_AUTH', outcome: 'authenticated',
    steps: [start('NEW_PASSWORD_REQUIRED'), answer('NEW_PASSWORD_REQUIRED'), answer('NEW_PASSWORD_REQUIRED', undefined, 'reused')],
  },
  aliceSrp: {
    user: 'alice', authFlow: 'USER_SRP_AUTH', outcome: 'authenticated',
    steps: [start('PASSWORD_VERIFIER'), { op: 'RespondToAuthChallenge', in: 'PASSWORD_VERIFIER', handoff: 'ok', via: 'secret-block' }],
  },
  aliceSrpWrong: {
    user: 'alice', authFlow: 'USER_SRP_AUTH', outcome: 'failed',
    steps: [
      start('PASSWORD_VERIFIER'),
      { op: 'RespondToAuthChallenge', in: 'PASSWORD_VERIFIER', handoff: 'ok', via: 'secret-block', status: 400, error: 'NotAuthorizedException' },
    ],
  },
  // Identity pools (issue 11): the exchange is part of the sign-in's chain, after its tokens.
  aliceIdentity: {
    user: 'alice', authFlow: 'USER_PASSWORD_AUTH', outcome: 'authenticated',
    steps: [start(), { op: 'GetId', handoff: 'ok', via: 'id-token' }, { op: 'GetCredentialsForIdentity', handoff: 'ok', via: 'id-token' }],
  },
  aliceIdentityAccessToken: {
    user: 'alice', authFlow: 'USER_PASSWORD_AUTH', outcome: 'authenticated',
    steps: [start(), { op: 'GetId', handoff: 'ok', via: 'access-token', status: 400, error: 'NotAuthorizedException' }],
  },
} satisfies Record<string, ExpectedChain>;

const EXPECTED: Record<string, ExpectedCapture> = {
  'user-password-auth': { chains: [CHAINS.alicePasswordThenGetUser], otherCalls: [], diagnostics: [] },
  'wrong-password': { chains: [CHAINS.aliceWrongPassword], otherCalls: [], diagnostics: [{ chain: 0, step: 0, code: 'cognito-error' }] },
  'new-password-required': { chains: [CHAINS.bobNewPassword], otherCalls: [], diagnostics: [] },
  'software-token-mfa': { chains: [CHAINS.erinTotpSetup, CHAINS.erinTotpSignIn], otherCalls: [], diagnostics: [] },
  'sms-mfa': { chains: [CHAINS.frankSms], otherCalls: [], diagnostics: [] },
  'select-mfa-type': { chains: [CHAINS.graceSelect], otherCalls: [], diagnostics: [] },
  'refresh-token': { chains: [CHAINS.alicePassword, CHAINS.aliceRefresh], otherCalls: [], diagnostics: [] },
  'secret-hash-client': { chains: [CHAINS.frankSms], otherCalls: [], diagnostics: [] },
  'secret-hash-missing-on-challenge': {
    chains: [CHAINS.frankSms], otherCalls: [],
    diagnostics: [{ chain: 0, step: 1, code: 'missing-challenge-response', keys: ['SECRET_HASH'] }],
  },
  'broken-missing-new-password': {
    chains: [CHAINS.carolBroken], otherCalls: [],
    diagnostics: [
      { chain: 0, step: 1, code: 'missing-challenge-response', keys: ['NEW_PASSWORD'] },
      { chain: 0, step: 1, code: 'cognito-error' },
    ],
  },
  'reused-session': { chains: [CHAINS.daveReused], otherCalls: [], diagnostics: [{ chain: 0, step: 2, code: 'session-reused' }] },
  'srp-sign-in': { chains: [CHAINS.aliceSrp], otherCalls: [], diagnostics: [] },
  'srp-wrong-password': { chains: [CHAINS.aliceSrpWrong], otherCalls: [], diagnostics: [{ chain: 0, step: 1, code: 'cognito-error' }] },
  'identity-credentials': { chains: [CHAINS.aliceIdentity], otherCalls: [], diagnostics: [] },
  'identity-access-token': {
    chains: [CHAINS.aliceIdentityAccessToken], otherCalls: [],
    diagnostics: [{ chain: 0, step: 1, code: 'logins-not-id-token' }, { chain: 0, step: 1, code: 'cognito-error' }],
  },
};

/** The interleaved capture holds the chains of these captures (see MIXED_SCENARIOS). */
const MIXED_PARTS = [
  'user-password-auth', 'wrong-password', 'new-password-required', 'software-token-mfa',
  'select-mfa-type', 'broken-missing-new-password', 'srp-sign-in', 'srp-wrong-password',
];

// ---------------------------------------------------------------------------------------------
// Helpers

function loadHar(name: string): Har {
  return JSON.parse(readFileSync(new URL(`${name}.har`, REAL_DIR), 'utf8')) as Har;
}

function analyze(har: Har): Report {
  return toReport(analyzeHar(har));
}

/** The chain as comparable data: what the analyzer reports, in the ExpectedChain vocabulary. */
function chainOf(flow: ReportFlow): ExpectedChain {
  return {
    user: flow.user ?? '',
    authFlow: flow.authFlow ?? '',
    outcome: flow.outcome,
    steps: flow.steps.map((step) => ({
      op: step.operation,
      ...(step.challengeIn ? { in: step.challengeIn } : {}),
      ...(step.challengeOut ? { out: step.challengeOut } : {}),
      handoff: step.handoff,
      via: step.handoffVia as ExpectedStep['via'],
      ...(step.status !== 200 ? { status: step.status } : {}),
      ...(step.error ? { error: step.error.type } : {}),
    })),
  };
}

function requestBody(har: Har, entry: number): Record<string, unknown> {
  return JSON.parse(har.log.entries[entry]?.request.postData?.text ?? '{}') as Record<string, unknown>;
}

/** Token claims every authenticated chain must show, whichever server minted them. */
function expectTokenClaims(flow: ReportFlow, har: Har): void {
  const clientId = requestBody(har, flow.steps[0]?.entry ?? 0).ClientId;
  expect(flow.clientId).toBe(clientId);
  if (flow.outcome !== 'authenticated') return;
  expect(flow.tokens.id).toMatchObject({ token_use: 'id', 'cognito:username': flow.user, aud: clientId });
  expect(flow.tokens.access).toMatchObject({ token_use: 'access', username: flow.user, client_id: clientId, scope: 'aws.cognito.signin.user.admin' });
  expect(String(flow.tokens.id?.iss)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/local_[0-9A-Za-z]+$/);
}

function expectCapture(report: Report, har: Har, expected: ExpectedCapture): void {
  expect(report.flows.map(chainOf)).toEqual(expected.chains);
  expect(report.otherCalls.map((call) => call.operation)).toEqual(expected.otherCalls);
  for (const flow of report.flows) expectTokenClaims(flow, har);

  for (const want of expected.diagnostics) {
    const flow = report.flows[want.chain];
    const entry = flow?.steps[want.step]?.entry;
    const found = report.diagnostics.filter((d) => d.code === want.code && d.entry === entry);
    expect(found, `${want.code} on entry ${entry}: ${JSON.stringify(report.diagnostics)}`).not.toHaveLength(0);
    expect(found.every((d) => d.flow === flow?.id)).toBe(true);
    if (want.keys) expect(found.flatMap((d) => d.keys)).toEqual(expect.arrayContaining(want.keys));
  }
  const unexpectedErrors = report.diagnostics.filter((d) => d.severity === 'error' && !expected.diagnostics.some((want) => {
    const entry = report.flows[want.chain]?.steps[want.step]?.entry;
    return want.code === d.code && entry === d.entry;
  }));
  expect(unexpectedErrors).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// 1. Committed captures

describe('real captures (test/fixtures/real)', () => {
  // The Amplify v6 captures (recorded in Chromium) have their own tests: test/amplify-captures.test.ts.
  const committed = readdirSync(REAL_DIR).filter((file) => file.endsWith('.har') && !file.startsWith('amplify-')).map((file) => file.slice(0, -4)).sort();

  it('has exactly the captures listed here (re-record with `npm run record`)', () => {
    expect(committed).toEqual([...Object.keys(EXPECTED), 'mixed-interleaved'].sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: chains, tokens and diagnostics`, () => {
      const har = loadHar(name);
      expectCapture(analyze(har), har, expected);
    });
  }

  it('wrong-password: cognito-local\'s error form (JSON body, no x-amzn-ErrorType) is read from the body', () => {
    const har = loadHar('wrong-password');
    const analysis = analyzeHar(har);
    expect(analysis.calls[0]?.error).toEqual({ type: 'InvalidPasswordException', message: 'Invalid password', source: 'body' });
  });

  it('srp-wrong-password: real Cognito\'s error form is read with its message', () => {
    const analysis = analyzeHar(loadHar('srp-wrong-password'));
    expect(analysis.calls[1]?.error).toMatchObject({ type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('srp-sign-in: the refresh token is recognised as an encrypted JWE, not decoded', () => {
    const flow = analyzeHar(loadHar('srp-sign-in')).flows[0];
    expect(flow?.tokens.refresh?.kind).toBe('encrypted');
    expect(flow?.tokens.issuedBy).toBe(1);
  });

  it('refresh-token: the refresh answer carries new tokens for the same user', () => {
    const report = analyze(loadHar('refresh-token'));
    const [signIn, refresh] = report.flows;
    expect(refresh?.tokens.id?.sub).toBe(signIn?.tokens.id?.sub);
    expect(refresh?.tokens.access).toMatchObject({ token_use: 'access', username: 'alice' });
  });

  it('refresh-token: the refresh is linked to the sign-in that issued its refresh token', () => {
    const report = analyze(loadHar('refresh-token'));
    const [signIn, refresh] = report.flows;
    expect(signIn?.refreshOf).toBeNull();
    expect(refresh?.refreshOf).toBe(signIn?.id);
  });

  it('mixed-interleaved: the interleaved calls separate into the same chains as the single captures', () => {
    const har = loadHar('mixed-interleaved');
    const report = analyze(har);
    const key = (chain: ExpectedChain) => JSON.stringify(chain);
    const expectedChains = MIXED_PARTS.flatMap((name) => EXPECTED[name]?.chains ?? []);
    expect(report.flows.map(chainOf).map(key).sort()).toEqual(expectedChains.map(key).sort());
    for (const flow of report.flows) expectTokenClaims(flow, har);
    // GetUser and SetUserMFAPreference carry a sign-in's access token: they are in its chain.
    expect(report.otherCalls).toEqual([]);
    // Two CORS preflights and one JWKS download are not Cognito calls.
    expect(report.ignored).toEqual({ preflight: 2, 'not-cognito': 1 });
    expect(report.entries).toBe(har.log.entries.length);

    // The calls really interleave: some flow has another flow's call between two of its steps.
    const interleaved = report.flows.some((flow) => {
      const entries = flow.steps.map((step) => step.entry);
      const first = entries[0] ?? 0;
      const last = entries[entries.length - 1] ?? 0;
      return last - first + 1 > entries.length;
    });
    expect(interleaved).toBe(true);

    // Each broken step is diagnosed in its own flow.
    const carol = report.flows.find((flow) => flow.user === 'carol-broken');
    const missing = report.diagnostics.find((d) => d.code === 'missing-challenge-response' && d.flow === carol?.id);
    expect(missing?.keys).toEqual(expect.arrayContaining(['NEW_PASSWORD']));
    const authenticated = new Set(report.flows.filter((flow) => flow.outcome === 'authenticated').map((flow) => flow.id));
    expect(report.diagnostics.filter((d) => d.severity === 'error' && authenticated.has(d.flow ?? ''))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Live: record afresh and compare

describe('live recording against cognito-local', () => {
  let env: RecordingEnvironment | null = null;

  beforeAll(async () => {
    env = await startRecordingEnvironment();
  }, 20_000);

  afterAll(async () => {
    await env?.stop();
  });

  const live: [Scenario, string][] = [
    [newPasswordRequired, 'new-password-required'],
    [brokenMissingNewPassword, 'broken-missing-new-password'],
    [srpSignIn, 'srp-sign-in'],
    [srpWrongPassword, 'srp-wrong-password'],
  ];
  for (const [scenario, name] of live) {
    it(`${name}: a fresh recording gives the committed chain`, async () => {
      if (!env) throw new Error('no recording environment');
      const har = await recordScenario(env, scenario);
      const expected = EXPECTED[name];
      if (!expected) throw new Error(`no expectation for ${name}`);
      expectCapture(analyze(har), har, expected);
      // Same wire shape as the committed capture: same operations, statuses and body keys.
      const shape = (h: Har) => h.log.entries.map((entry) => ({
        target: entry.request.headers.find((header) => header.name.toLowerCase() === 'x-amz-target')?.value,
        status: entry.response.status,
        requestKeys: Object.keys(JSON.parse(entry.request.postData?.text ?? '{}') as object).sort(),
        responseKeys: Object.keys(JSON.parse(entry.response.content.text ?? '{}') as object).sort(),
      }));
      expect(shape(har)).toEqual(shape(loadHar(name)));
    });
  }
});
