/** Managed-login flows in `cognito-flow analyze` (--json and text), beside API flows, on the double's captures. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { analyzeEntries } from '../../src/core/analyze';
import { toReport } from '../../src/core/report';
import { formatText, PLAIN } from '../../src/cli/format-text';
import { cognitoEntry } from './entries';

const path = (name: string) => fileURLToPath(new URL(`../fixtures/oauth/${name}.har`, import.meta.url));
const entriesOf = (name: string) => (JSON.parse(readFileSync(path(name), 'utf8')) as { log: { entries: unknown[] } }).log.entries;

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: (s: string) => ((stderr += s), true) } });
  return { code, stdout, stderr };
}

describe('--json report', () => {
  it('has OAuth flows of kind "oauth" with steps named by kind, beside API flows of kind "api"', () => {
    const api = cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c1', AuthParameters: { USERNAME: 'bob', PASSWORD: 'pw' } }, { ChallengeName: 'SMS_MFA', Session: 'AYAB-session-one-0123456789', ChallengeParameters: {} });
    const report = toReport(analyzeEntries([...entriesOf('good'), api]));
    expect(report.flows.map((f) => [f.kind, f.id])).toEqual([['api', 'flow-1'], ['oauth', 'oauth-1']]);
    const oauth = report.flows[1]!;
    expect(oauth.steps.map((s) => s.operation)).toEqual(['authorize', 'login', 'login', 'redirect', 'callback', 'token']);
    expect(oauth.steps.map((s) => s.handoffVia)).toEqual(['start', 'location', 'location', 'location', 'location', 'code']);
    expect(oauth).toMatchObject({ user: 'alice', authFlow: 'code', outcome: 'authenticated' });
    expect(oauth.tokens.id?.email).toBe('alice@example.com');
    // The managed-login entries are analysed now, not counted as ignored.
    expect(report.ignored['not-cognito'] ?? 0).toBe(0);
  });
  it('carries the new codes with the error code in keys', () => {
    const report = toReport(analyzeEntries(entriesOf('trailing-slash')));
    expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.keys])).toEqual([['redirect-uri-mismatch', ['trailing slash']], ['oauth-error', ['unauthorized_client']]]);
    expect(report.flows[0]!.steps.at(-1)?.error).toEqual({ type: 'unauthorized_client', message: '' });
  });
});

describe('cognito-flow analyze', () => {
  it('prints the managed-login chain with the reason, and exits 1 on the broken capture', async () => {
    const broken = await cli('analyze', path('pkce-other-attempt'), '--no-color');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('2 managed-login flows');
    expect(broken.stdout).toMatch(/#7 {2}token {2}POST \/oauth2\/token → invalid_grant/);
    expect(broken.stdout).toContain('pkce-mismatch');
    const good = await cli('analyze', path('good'));
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('managed login  alice');
  });
  it('text output never prints the code, the verifier or a token', () => {
    const entries = entriesOf('code-reused');
    const text = formatText(analyzeEntries(entries), PLAIN);
    const token = entries.find((e) => JSON.stringify(e).includes('/oauth2/token')) as { request: { postData: { text: string } }; response: { content: { text: string } } };
    const form = new URLSearchParams(token.request.postData.text);
    const body = JSON.parse(token.response.content.text) as Record<string, string>;
    for (const secret of [form.get('code'), form.get('code_verifier'), body.access_token, body.id_token, body.refresh_token]) {
      expect(secret && secret.length > 10).toBe(true);
      expect(text).not.toContain(secret!);
    }
  });
});

describe('README', () => {
  it('documents every managed-login code', async () => {
    const { OAUTH_RULES } = await import('../../src/core/oauth/rules');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const [code, rule] of Object.entries(OAUTH_RULES)) expect(readme, code).toContain(`| \`${code}\` | ${rule.severity} |`);
  });
});
