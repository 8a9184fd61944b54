import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { main } from '../src/cli/main';
import { cognitoEntry, jwt } from './core/entries';

class Capture {
  text = '';
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

async function run(...args: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

let dir = '';
const file = (name: string) => join(dir, name);

const cleanSignIn = {
  log: {
    entries: [
      cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c1', AuthParameters: { USERNAME: 'bob', PASSWORD: 'pw' } },
        { ChallengeName: 'SMS_MFA', Session: 'AYAB-session-one-0123456789', ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******1234' } }),
      cognitoEntry('RespondToAuthChallenge', { ChallengeName: 'SMS_MFA', ClientId: 'c1', Session: 'AYAB-session-one-0123456789', ChallengeResponses: { USERNAME: 'bob', SMS_MFA_CODE: '123456' } },
        { AuthenticationResult: { IdToken: jwt({ token_use: 'id', 'cognito:username': 'bob', exp: 1_900_000_000 }), AccessToken: jwt({ token_use: 'access', username: 'bob', exp: 1_900_000_000 }) } },
        { at: '2026-11-23T10:00:10.000Z' }),
    ],
  },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cognito-flow-cli-'));
  await writeFile(file('clean.har'), JSON.stringify(cleanSignIn));
  const broken = structuredClone(cleanSignIn);
  broken.log.entries[1]!.request.postData!.text = JSON.stringify({ ChallengeName: 'SMS_MFA', ClientId: 'c1', Session: 'AYAB-session-one-0123456789', ChallengeResponses: { USERNAME: 'bob' } });
  broken.log.entries[1]!.response.status = 400;
  broken.log.entries[1]!.response.content.text = JSON.stringify({ __type: 'InvalidParameterException', message: 'Missing required parameter SMS_MFA_CODE' });
  await writeFile(file('broken.har'), JSON.stringify(broken));
  await writeFile(file('not-json.har'), '{"log": {"entries": [');
  await writeFile(file('not-har.har'), JSON.stringify({ hello: 'world' }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cognito-flow analyze', () => {
  it('prints the chain and exits 0 when nothing is wrong', async () => {
    const { code, stdout } = await run('analyze', file('clean.har'));
    expect(code).toBe(0);
    expect(stdout).toContain('2 entries, 2 Cognito calls, 1 sign-in flow, 0 errors, 0 warnings');
    expect(stdout).toMatch(/#0 {2}InitiateAuth → SMS_MFA/);
    expect(stdout).toMatch(/Session ok/);
    expect(stdout).toMatch(/#1 {2}RespondToAuthChallenge SMS_MFA → tokens/);
    expect(stdout).toContain('id token: user bob');
  });

  it('exits 1 with the missing key named when a diagnostic is an error', async () => {
    const { code, stdout } = await run('analyze', file('broken.har'));
    expect(code).toBe(1);
    expect(stdout).toContain('missing-challenge-response: The answer to SMS_MFA lacks SMS_MFA_CODE.');
  });

  it('--json prints the version 1 shape', async () => {
    const { code, stdout } = await run('analyze', file('broken.har'), '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      version: 1,
      entries: 2,
      flows: [{ id: 'flow-1', user: 'bob', clientId: 'c1', outcome: 'failed', steps: [
        { entry: 0, operation: 'InitiateAuth', challengeIn: null, challengeOut: 'SMS_MFA', status: 200, handoff: 'start' },
        { entry: 1, operation: 'RespondToAuthChallenge', challengeIn: 'SMS_MFA', challengeOut: null, status: 400, handoff: 'ok' },
      ], tokens: { id: null, access: null } }],
      diagnostics: [
        { entry: 1, code: 'missing-challenge-response', severity: 'error', keys: ['SMS_MFA_CODE'] },
        { entry: 1, code: 'cognito-error', severity: 'error', keys: [] },
      ],
    });
    expect(typeof report.diagnostics[0].message).toBe('string');
  });

  it('exits 2 with a one-line reason for unusable input', async () => {
    for (const [args, reason] of [
      [['analyze', file('missing.har')], /no such file/],
      [['analyze', file('not-json.har')], /is not JSON/],
      [['analyze', file('not-har.har')], /not a HAR file: it has no "log" object/],
      [['analyze', dir], /is a directory/],
      [['analyze'], /missing <file.har>/],
      [['frobnicate', 'x.har'], /unknown command "frobnicate"/],
      [['analyze', file('clean.har'), '--session-validity', '99'], /between 3 and 15/],
    ] as const) {
      const { code, stderr } = await run(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.split('\n')[0]).toMatch(reason);
    }
  });

  it('analyzes a HAR of 10,000 entries without crashing', async () => {
    const entries = [];
    for (let i = 0; i < 2_500; i++) {
      const session = `AYAB-session-${i}-0123456789`;
      entries.push(
        cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c1', AuthParameters: { USERNAME: `user${i}`, PASSWORD: 'pw' } }, { ChallengeName: 'SMS_MFA', Session: session, ChallengeParameters: {} }),
        cognitoEntry('RespondToAuthChallenge', { ChallengeName: 'SMS_MFA', ClientId: 'c1', Session: session, ChallengeResponses: { USERNAME: `user${i}`, SMS_MFA_CODE: '1' } }, { AuthenticationResult: {} }),
        { startedDateTime: '2026-11-23T10:00:00.000Z', time: 1, request: { method: 'GET', url: 'https://app/', headers: [] }, response: { status: 200, headers: [], content: { text: 'x' } } },
        { startedDateTime: '2026-11-23T10:00:00.000Z', time: 1, request: { method: 'OPTIONS', url: 'https://cognito/', headers: [] }, response: { status: 204, headers: [], content: {} } },
      );
    }
    await writeFile(file('big.har'), JSON.stringify({ log: { entries } }));
    const { code, stdout } = await run('analyze', file('big.har'), '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.entries).toBe(10_000);
    expect(report.flows).toHaveLength(2_500);
    expect(report.ignored).toEqual({ 'not-cognito': 2_500, preflight: 2_500 });
  });
});

describe('reading standard input', () => {
  it('analyzes a HAR piped in as -', async () => {
    const { Readable } = await import('node:stream');
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await main(['analyze', '-', '--json'], { stdout, stderr, stdin: Readable.from([JSON.stringify(cleanSignIn)]) });
    expect(code).toBe(0);
    expect(JSON.parse(stdout.text).flows[0].user).toBe('bob');
    const bad = await main(['analyze', '-'], { stdout, stderr, stdin: Readable.from(['not json']) });
    expect(bad).toBe(2);
    expect(stderr.text).toMatch(/standard input is not JSON/);
  });
});

describe('cognito-flow redact', () => {
  it('writes a copy without the secrets', async () => {
    const { code, stdout } = await run('redact', file('clean.har'));
    expect(code).toBe(0);
    expect(stdout).not.toContain('AYAB-session-one-0123456789');
    expect(stdout).not.toContain('"123456"');
    expect(JSON.parse(stdout).log.comment).toMatch(/Redacted by cognito-flow-inspector/);
  });
});

describe('the installed bin', () => {
  it('runs the built CLI (npm run build) through node, no transpiler', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/cognito-flow.mjs', 'analyze', file('clean.har'), '--json']);
    expect(JSON.parse(stdout).flows).toHaveLength(1);
  });
});

describe('the text chain', () => {
  it('names what each step returned: challenge, SecretCode, Status, tokens, unreadable bodies', async () => {
    const { formatText, PLAIN } = await import('../src/cli/format-text');
    const { analyzeHar } = await import('../src/core/analyze');
    const { scenarios } = await import('./fixtures/scenarios');
    const text = (name: string) => formatText(analyzeHar(scenarios.find((s) => s.name === name)!.har), PLAIN);
    const setup = text('mfa-setup-totp');
    expect(setup).toMatch(/RespondToAuthChallenge PASSWORD_VERIFIER → MFA_SETUP/);
    expect(setup).toMatch(/AssociateSoftwareToken → SecretCode/);
    expect(setup).toMatch(/VerifySoftwareToken → Status SUCCESS/);
    expect(setup).toMatch(/RespondToAuthChallenge MFA_SETUP → tokens/);
    expect(text('unparseable-bodies')).toMatch(/RespondToAuthChallenge SMS_MFA → \(response unreadable\)/);
  });

  it('shows identity-pool exchanges, calls made with the tokens and refreshes as part of their sign-in', async () => {
    const { formatText, PLAIN } = await import('../src/cli/format-text');
    const { analyzeHar } = await import('../src/core/analyze');
    const { scenarios } = await import('./fixtures/scenarios');
    const text = (name: string) => formatText(analyzeHar(scenarios.find((s) => s.name === name)!.har), PLAIN);
    const enhanced = text('identity-enhanced-flow');
    expect(enhanced).toMatch(/1 sign-in flow, 0 errors/);
    expect(enhanced).toMatch(/│ identity pool: ID token of #0 in Logins\n {2}#1 {2}GetId → IdentityId/);
    expect(enhanced).toMatch(/#2 {2}GetCredentialsForIdentity → credentials/);
    expect(enhanced).toMatch(/provider cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_\w+ · identity eu-west-1:[0-9a-f-]+ · credentials ASIA…\w{4} expire in 60 min/);
    const guest = text('identity-guest-after-sign-in');
    expect(guest).toMatch(/1 sign-in flow, 1 identity-pool flow/);
    expect(guest).toMatch(/identity-1 {2}\(no user\) {2}client — {2}identity pool/);
    expect(guest).toMatch(/guest \(empty Logins\)/);
    expect(text('totp-setup-after-sign-in')).toMatch(/│ with this sign-in's tokens \(access token\)\n {2}#1 {2}GetUser/);
    expect(text('refresh-linked-to-sign-in')).toMatch(/flow-2 {2}alice .* REFRESH_TOKEN_AUTH {2}refresh of flow-1/);
  });
});

describe('cognito-flow timeline of a sign-in', () => {
  it('shows tokens, credentials, refreshes and their expiry against the end of the capture', async () => {
    const { formatText, PLAIN } = await import('../src/cli/format-text');
    const { analyzeHar } = await import('../src/core/analyze');
    const b = await import('./fixtures/builders');
    const capture = new b.Capture({ seed: 'timeline' });
    const alice = b.signIn(capture, { client: b.WEB_CLIENT, user: b.ALICE });
    alice.initiateAuth('USER_PASSWORD_AUTH', { result: b.authenticates() });
    const key = b.userPoolLoginKey(b.EU_POOL);
    const id = b.identityIdFor(b.EU_IDENTITY_POOL, 'alice');
    b.getId(capture, b.EU_IDENTITY_POOL, { [key]: alice.idToken }, id);
    b.getCredentials(capture, b.EU_IDENTITY_POOL, id, { [key]: alice.idToken });
    const refresher = b.signIn(capture, { client: b.WEB_CLIENT, user: b.ALICE, label: 'refresh' });
    refresher.initiateAuth('REFRESH_TOKEN_AUTH', { parameters: { REFRESH_TOKEN: alice.refreshToken }, timing: { after: 50 * 60_000 }, result: b.authenticates({ refreshToken: null }) });
    alice.getUser({ timing: { after: 20 * 60_000 } });
    const text = formatText(analyzeHar(capture.har()), PLAIN);
    const timeline = text.slice(text.indexOf('timeline (from the sign-in):'));
    expect(timeline.split('\n').slice(1, 8).map((line) => line.trim().replace(/ +/g, ' '))).toEqual([
      '+0 s tokens issued',
      '+1 s AWS credentials (ASIA…' + timeline.match(/ASIA…(\w{4})/)![1] + ')',
      '+50 min refreshed (flow-2)',
      '+60 min tokens of #0 expire',
      '+60 min credentials of #2 expire',
      '+70 min capture ends',
      '+110 min tokens of #3 expire',
    ]);
    // The GetUser after the first tokens expired is flagged on its step.
    expect(text).toMatch(/#4 {2}GetUser[\s\S]*token-expired/);
  });
});

describe('cognito-flow with a HAR that was cut off', () => {
  it('analyses the complete entries and warns on stderr, so --json stays clean', async () => {
    const text = await readFile('test/fixtures/real/mixed-interleaved.har', 'utf8');
    const folder = await mkdtemp(join(tmpdir(), 'cognito-flow-cut-'));
    const path = join(folder, 'cut.har');
    await writeFile(path, text.slice(0, Math.floor(text.length / 2)));
    const out = { text: '', write(chunk: string) { this.text += chunk; } };
    const err = { text: '', write(chunk: string) { this.text += chunk; } };
    const status = await main(['analyze', path, '--json'], { stdout: out, stderr: err, stdin: process.stdin });
    expect(status).not.toBe(2);
    const report = JSON.parse(out.text) as { entries: number };
    expect(report.entries).toBeGreaterThan(0);
    expect(err.text).toMatch(new RegExp(`warning: .*cut.har: the file is cut off: read ${report.entries} complete entries`));
    await rm(folder, { recursive: true, force: true });
  });
});
