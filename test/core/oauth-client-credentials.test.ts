/**
 * The client credentials grant in a browser capture (managed-login-oauth2.md §2.4: "Seen in a browser
 * it means a client secret is shipped to the browser: flag it"), on the paths a capture takes: as
 * recorded, after Chrome's sanitized export (no Authorization header), after our share export.
 */
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/analyze';
import { flowRows } from '../../src/core/view/flow-row';
import { PROFILES, redactHar } from '../../src/core/redact';
import type { HarEntry } from '../../src/core/har';
import { CLIENT, DOMAIN, entry, har, ISSUER, T0 } from '../support/oauth-har';
import { jwt } from '../fixtures/builders/tokens';

const SECRET = 'cc-secret-value-0123456789abcdefghijklmn';

function grant(o: { basic?: boolean; post?: boolean } = {}): HarEntry {
  const iat = Math.floor(T0 / 1000);
  const access = jwt({ kid: 'k1', alg: 'RS256' }, { sub: CLIENT, iss: ISSUER, client_id: CLIENT, token_use: 'access', scope: 'orders.example.com/read', iat, exp: iat + 3600, jti: 'cc-1' }, 'cc');
  return entry(`${DOMAIN}/oauth2/token`, {
    at: T0, resourceType: 'fetch',
    requestHeaders: o.basic ? [{ name: 'Authorization', value: `Basic ${Buffer.from(`${CLIENT}:${SECRET}`).toString('base64')}` }] : [],
    responseHeaders: [{ name: 'x-amz-cognito-request-id', value: 'r-1' }],
    form: { grant_type: 'client_credentials', client_id: CLIENT, scope: 'orders.example.com/read', ...(o.post ? { client_secret: SECRET } : {}) },
    json: { access_token: access, token_type: 'Bearer', expires_in: 3600 },
  });
}

const findings = (entries: HarEntry[]) => analyzeHar(har(entries)).diagnostics.filter((d) => d.code === 'client-credentials-in-browser');

describe('client-credentials-in-browser (§2.4)', () => {
  it('is an error on the token request, naming how the secret went and never the secret', () => {
    const [basic] = findings([grant({ basic: true })]);
    expect(basic).toMatchObject({ entry: 0, flow: 'oauth-1', severity: 'error', keys: ['grant_type', 'Authorization'] });
    expect(basic!.message).toContain('an Authorization: Basic header');
    const [post] = findings([grant({ post: true })]);
    expect(post!.keys).toEqual(['grant_type', 'client_secret']);
    for (const d of [basic!, post!]) expect(`${d.message} ${d.hint}`).not.toContain(SECRET);
  });

  it('still fires when an export removed the Authorization header (Chrome\'s sanitized export), and says so', () => {
    const [d] = findings([grant()]);
    expect(d?.severity).toBe('error');
    expect(d?.message).toMatch(/needs the client secret.*may have removed the Authorization header/);
  });

  it('still fires on our share export of the capture, whose secrets are masked', () => {
    const exported = redactHar(har([grant({ basic: true }), grant({ post: true })]), PROFILES.share);
    expect(JSON.stringify(exported)).not.toContain(SECRET);
    expect(findings(exported.log.entries).map((d) => d.entry)).toEqual([0, 1]);
  });

  it('sits in a managed-login flow row "client credentials", not dropped or unknown', () => {
    const analysis = analyzeHar(har([grant({ basic: true })]));
    expect(analysis.ignored).toEqual([]);
    expect(flowRows(analysis).map((row) => [row.id, row.authFlow, row.errors])).toEqual([['oauth-1', 'managed login (client credentials)', 1]]);
  });
});
