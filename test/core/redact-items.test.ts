/**
 * Issue 7's redaction items, one behaviour per test (each fails on the code before the fix);
 * the hostile corpus (test/redaction-corpus.test.ts) checks them all together on every path.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, PROFILES, maskUrl, maskValue, redactEntry, redactHar, redactJson } from '../../src/core/redact';
import { analyzeHar } from '../../src/core/analyze';
import { toReport } from '../../src/core/report';
import type { Har, HarEntry } from '../../src/core/har';
import { b64url, cognitoEntry, jwt } from './entries';

const ID_TOKEN = jwt({ token_use: 'id', sub: '7d1f0a5e-1111-4222-8333-944445555666', email: 'alice@example.com', exp: 1_900_000_000 });
const SIGNATURE = ID_TOKEN.split('.')[2]!;

function plainEntry(over: Record<string, unknown>, response: Record<string, unknown> = {}): HarEntry {
  return {
    startedDateTime: '2026-11-23T10:00:00.000Z',
    time: 5,
    request: { method: 'GET', url: 'https://app.example/', headers: [], ...over },
    response: { status: 200, headers: [], content: { text: '' }, ...response },
  } as HarEntry;
}

const both = [PROFILES.share, PROFILES.strict];

describe('item 1: AWS credentials, whatever service the body belongs to', () => {
  const credentials = cognitoEntry('GetCredentialsForIdentity', { IdentityId: 'eu-west-1:abc', Logins: { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x': ID_TOKEN } },
    { IdentityId: 'eu-west-1:abc', Credentials: { AccessKeyId: 'ASIAEXAMPLEKEY7Q4Z', SecretKey: 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY', SessionToken: 'IQoJb3JpZ2luX2VjEXAMPLEtoken0123456789', Expiration: 1_900_000_000 } },
    { target: 'AWSCognitoIdentityService.GetCredentialsForIdentity' });

  it.each(both)('masks SecretKey and SessionToken, keeps ASIA + the last 4 of AccessKeyId, and a Logins JWT without its signature ($name)', (profile) => {
    const text = JSON.stringify(redactEntry(credentials, profile));
    expect(text).not.toContain('wJalrXUtn');
    expect(text).not.toContain('IQoJb3JpZ2luX2VjEXAMPLE');
    expect(text).not.toContain('ASIAEXAMPLEKEY7Q4Z');
    expect(text).toMatch(/ASIA…7Q4Z #[0-9a-f]{8}/);
    expect(text).not.toContain(SIGNATURE);
    expect(text).toContain(ID_TOKEN.split('.')[0]);
  });

  it('masks STS XML credentials and a SigV4 signature, keeping the key id partly', () => {
    const entry = plainEntry(
      { method: 'POST', url: 'https://sts.amazonaws.com/', headers: [{ name: 'Authorization', value: 'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY7Q4Z/20260304/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=0123456789abcdef0123456789abcdef' }] },
      { content: { mimeType: 'text/xml', text: '<Credentials><SecretAccessKey>wJalrXUtnFEMIK7MDENG</SecretAccessKey><SessionToken>FwoGZXIvYXdzEXAMPLE0123</SessionToken></Credentials>' } });
    const redacted = redactEntry(entry);
    expect(redacted.response.content.text).toBe('<Credentials><SecretAccessKey>‹redacted 20 chars›</SecretAccessKey><SessionToken>‹redacted 23 chars #' + /#([0-9a-f]{8})›<\/SessionToken>/.exec(redacted.response.content.text!)![1] + '›</SessionToken></Credentials>');
    expect(redacted.request.headers[0]!.value).toMatch(/^AWS4-HMAC-SHA256 Credential=‹redacted 18 chars ASIA…7Q4Z #[0-9a-f]{8}›\/20260304\/eu-west-1\/s3\/aws4_request, SignedHeaders=host, Signature=‹redacted 32 chars›$/);
  });
});

describe('item 1: presigned URLs', () => {
  it.each(both)('mask X-Amz-Signature and X-Amz-Security-Token, keep ASIA + the last 4 of the key in X-Amz-Credential and its scope ($name)', (profile) => {
    const url = maskUrl('https://b.s3.amazonaws.com/k.png?X-Amz-Credential=ASIAEXAMPLEKEY7Q4Z%2F20260304%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLE0123&X-Amz-Signature=0123456789abcdef0123456789abcdef', profile);
    expect(url).toMatch(/X-Amz-Credential=‹redacted\+18\+chars\+ASIA…7Q4Z\+%23[0-9a-f]{8}›\/20260304\/eu-west-1\/s3\/aws4_request&/);
    expect(url).not.toContain('IQoJb3JpZ2luX2Vj');
    expect(url).not.toContain('0123456789abcdef');
  });
});

describe('item 2: HAR fields nobody redacted', () => {
  it('masks a code repeated in an HTML redirect page and a sign-in page\'s hidden _csrf (share keeps the page; strict drops it)', () => {
    const code = 'Zj3x1UsGYt1O8tDM0d3zUzM0zb4D75wS';
    const csrf = 'csrf-b8a04b9b-0b39-4890-ad71-dd9ac1dfec69';
    const html = `<p>Redirecting to <a href="https://app.example/callback?code=${code}&amp;state=abc">here</a></p><form><input type="hidden" name="_csrf" value="${csrf}"><input name="username"></form>`;
    for (const profile of [PROFILES.share]) {
      const text = JSON.stringify(redactEntry(plainEntry({}, { content: { mimeType: 'text/html', text: html } }), profile));
      expect(text).not.toContain(code);
      expect(text).not.toContain(csrf);
      expect(text).toContain('name=\\"_csrf\\"');
    }
  });

  it.each(both)('masks cookies arrays, postData.params, queryString, url, redirectURL, Location and Referer ($name)', (profile) => {
    const entry = plainEntry({
      method: 'POST',
      url: 'https://login.example/login?code=4f1c0d2e-aaaa-bbbb-cccc-0123456789ab&state=abcdefghijklmnop',
      headers: [{ name: 'Referer', value: 'https://app.example/callback?code=4f1c0d2e-aaaa-bbbb-cccc-0123456789ab' }],
      queryString: [{ name: 'code', value: '4f1c0d2e-aaaa-bbbb-cccc-0123456789ab' }],
      cookies: [{ name: 'cognito', value: 'H4sIAAAAAAAAAsessioncookie' }],
      postData: { mimeType: 'application/x-www-form-urlencoded', text: 'username=bob&password=hunter2hunter2', params: [{ name: 'password', value: 'hunter2hunter2' }] },
    }, {
      status: 302,
      headers: [{ name: 'Location', value: 'https://app.example/cb#access_token=' + ID_TOKEN + '&state=abcdefghijklmnop' }],
      cookies: [{ name: 'XSRF-TOKEN', value: 'c0ffee00-1111-2222-3333-444455556666' }],
      redirectURL: 'https://app.example/cb#access_token=' + ID_TOKEN,
    });
    const text = JSON.stringify(redactEntry(entry, profile));
    for (const secret of ['4f1c0d2e-aaaa', 'H4sIAAAAAAAAAs', 'hunter2hunter2', SIGNATURE, 'c0ffee00-1111', 'abcdefghijklmnop']) expect(text, secret).not.toContain(secret);
  });

  it('masks the JSON and form bodies of /oauth2/token in share, keeping their shape', () => {
    const entry = plainEntry(
      { method: 'POST', url: 'https://login.example/oauth2/token', postData: { mimeType: 'application/x-www-form-urlencoded', text: 'grant_type=authorization_code&code=4f1c0d2e-aaaa-bbbb-cccc-0123456789ab&client_id=abc&code_verifier=verifierverifierverifierverifierverifier0123' } },
      { content: { mimeType: 'application/json;charset=UTF-8', text: JSON.stringify({ access_token: ID_TOKEN, refresh_token: 'eyJjdHkiOiJKV1QifQ.aaaa.bbbb.cccc.dddd', token_type: 'Bearer' }) } });
    const redacted = redactEntry(entry, PROFILES.share);
    // The verifier keeps its length and its S256, the code_challenge the authorize URL shows anyway.
    const s256 = createHash('sha256').update('verifierverifierverifierverifierverifier0123').digest('base64url');
    expect(redacted.request.postData!.text).toMatch(/^grant_type=authorization_code&code=‹redacted\+36\+chars\+%23[0-9a-f]{8}›&client_id=abc&code_verifier=‹redacted\+44\+chars;\+S256=([\w-]{43})›$/);
    expect(redacted.request.postData!.text!.endsWith(`S256=${s256}›`)).toBe(true);
    const body = JSON.parse(redacted.response.content.text!) as Record<string, string>;
    expect(body.token_type).toBe('Bearer');
    expect(body.access_token).toBe(`${ID_TOKEN.split('.').slice(0, 2).join('.')}.‹redacted-signature›`);
    expect(body.refresh_token).not.toContain('bbbb');
  });

  it('keeps a masked URL a URL: secret values encoded, names and public parameters kept', () => {
    expect(maskUrl('https://h.example/a/b?client_id=abc&code=4f1c0d2e-aaaa-bbbb-cccc-0123456789ab#x=1', PROFILES.share))
      .toMatch(/^https:\/\/h\.example\/a\/b\?client_id=abc&code=‹redacted\+36\+chars\+%23[0-9a-f]{8}›#x=1$/);
  });
});

describe('item 4: secrets never masked before', () => {
  it.each(both)('masks VerifyUserAttribute Code, RevokeToken Token, ConfirmDevice PasswordVerifier ($name)', (profile) => {
    const json = JSON.stringify(redactJson({ Code: '445566', Token: 'eyJjdHkiOiJKV1QifQ.aaaaaaaa.bbbbbbbb.cccccccc.dddddddd', DeviceSecretVerifierConfig: { PasswordVerifier: 'cGFzc3dvcmQtdmVyaWZpZXItYnl0ZXM=', Salt: 'c2FsdA==' } }, profile));
    for (const secret of ['445566', 'bbbbbbbb', 'cGFzc3dvcmQtdmVy']) expect(json).not.toContain(secret);
    expect(json).toContain('c2FsdA=='); // the salt is not a secret
  });

  it('masks by key whatever the value\'s type: numbers, booleans, objects, arrays; null stays', () => {
    expect(redactJson({ SOFTWARE_TOKEN_MFA_CODE: 987654, PASSWORD: true, NEW_PASSWORD: ['a-secret-pw'], SMS_MFA_CODE: { digits: '123456' }, Session: null }))
      .toEqual({ SOFTWARE_TOKEN_MFA_CODE: '‹redacted 6 chars›', PASSWORD: '‹redacted 4 chars›', NEW_PASSWORD: '‹redacted array, 15 chars›', SMS_MFA_CODE: '‹redacted object, 19 chars›', Session: null });
  });
});

describe('item 6: strict hides who the user is', () => {
  const claims = { sub: '7d1f0a5e-1111-4222-8333-944445555666', email: 'alice@example.com', preferred_username: 'ally', nickname: 'Al', 'custom:tenant': 'acme', favourite_colour: 'teal', iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x', aud: 'client1', token_use: 'id', exp: 1_900_000_000, iat: 1_899_996_400 };
  const token = jwt(claims);

  function strictClaims(): Record<string, unknown> {
    const masked = maskValue(token, 'jwt', PROFILES.strict);
    return JSON.parse(Buffer.from(masked.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  }

  it('keeps the allow-listed claims, replaces every other one (unknown ones too) by a fingerprint', () => {
    const kept = strictClaims();
    expect(kept).toMatchObject({ iss: claims.iss, aud: 'client1', token_use: 'id', exp: 1_900_000_000, iat: 1_899_996_400 });
    for (const name of ['sub', 'email', 'preferred_username', 'nickname', 'custom:tenant', 'favourite_colour']) {
      expect(kept[name], name).toMatch(/^‹redacted \d+ chars #[0-9a-f]{8}›$/);
    }
  });

  it('shows no first or last characters of a masked value', () => {
    expect(maskValue('AYABeFQ3xxxxxxxxxxxxxxxxQ0Zz', 'opaque', PROFILES.strict)).toMatch(/^‹redacted 28 chars #[0-9a-f]{8}›$/);
    expect(JSON.stringify(strictClaims())).not.toMatch(/ali|com›/);
  });

  it('keeps a "__proto__" claim as a claim', () => {
    const proto = `${b64url({ alg: 'RS256' })}.${Buffer.from('{"__proto__":{"x":1},"sub":"abc","exp":1900000000}').toString('base64url')}.c2lnbmF0dXJl`;
    const masked = maskValue(proto, 'jwt', PROFILES.strict);
    const kept = JSON.parse(Buffer.from(masked.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(Object.hasOwn(kept, '__proto__')).toBe(true);
    expect(kept.exp).toBe(1_900_000_000);
  });

  it('hides UserSub, DeviceName, IdentityId, identifiers in URL paths and the Referer', () => {
    const entry = cognitoEntry('SignUp', { Username: 'alice', DeviceName: 'Alice phone' }, { UserSub: '7d1f0a5e-1111-4222-8333-944445555666' });
    entry.request.url = 'https://app.example/users/alice%40example.com/7d1f0a5e-1111-4222-8333-944445555666?user=alice';
    entry.request.headers.push({ name: 'Referer', value: 'https://app.example/profile/alice' });
    const text = JSON.stringify(redactEntry(entry, PROFILES.strict));
    for (const who of ['alice', '7d1f0a5e', 'Alice phone']) expect(text, who).not.toContain(who);
  });

  it.each(both)('masks Authorization: Basic whole, showing only the client id ($name)', (profile) => {
    const credentials = Buffer.from('client1:s3cr3t-client-secret-value').toString('base64');
    const entry = plainEntry({ headers: [{ name: 'Authorization', value: `Basic ${credentials}` }] });
    expect(redactEntry(entry, profile).request.headers[0]!.value).toBe(`Basic ‹redacted ${credentials.length} chars, client id client1›`);
  });
});

describe('item 10: deep nesting never overflows the stack', () => {
  const deep = (depth: number, leaf: string) => '{"a":'.repeat(depth) + JSON.stringify({ PASSWORD: leaf }) + '}'.repeat(depth);

  it('masks a subtree deeper than the bound whole, with its size, in any body and any HAR field', () => {
    const entry = cognitoEntry('InitiateAuth', deep(10_000, 'deep-secret-pw'), '{}');
    const odd = plainEntry({ method: 'POST', postData: { mimeType: 'application/json', text: deep(10_000, 'deep-secret-pw') } });
    (odd as unknown as Record<string, unknown>)._custom = JSON.parse(deep(10_000, 'deep-secret-pw')) as unknown;
    for (const profile of both) {
      const har: Har = { log: { entries: [entry, odd] } };
      const text = JSON.stringify(redactHar(har, profile));
      expect(text).not.toContain('deep-secret-pw');
      expect(text).toContain(`nested deeper than ${MAX_DEPTH} levels`);
    }
  });

  it('keeps what is within the bound untouched', () => {
    const value = JSON.parse('{"a":'.repeat(MAX_DEPTH - 2) + '{"b":1}' + '}'.repeat(MAX_DEPTH - 2)) as unknown;
    expect(redactJson(value)).toEqual(value);
  });
});

describe('bad input', () => {
  it('keeps fields of an unexpected shape (copied through the walk), dropping nothing', () => {
    const entry = { startedDateTime: 'x', time: 1, request: { method: 'GET', url: 42, headers: 'none', postData: { text: { PASSWORD: 'pw-in-object' } } }, response: { status: 200, headers: [], content: { text: ['x'] } }, _extra: { code: 'abc' } } as unknown as HarEntry;
    const out = redactEntry(entry, PROFILES.share) as unknown as Record<string, Record<string, unknown>>;
    expect(out.request!.url).toBe(42);
    expect(out.request!.headers).toBe('none');
    expect(out.request!.postData).toEqual({ text: { PASSWORD: '‹redacted 12 chars›' } });
    expect(out.response!.content).toEqual({ text: ['x'] });
    expect(out._extra).toEqual({ code: expect.stringMatching(/^‹redacted 3 chars #[0-9a-f]{8}›$/) as unknown });
  });
});

describe('a redacted capture is as debuggable as before', () => {
  it('links the same chains across identity-pool and OAuth traffic', () => {
    const har: Har = { log: { entries: [
      cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c1', AuthParameters: { USERNAME: 'bob', PASSWORD: 'pw-pw-pw-pw' } },
        { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'AYAB-session-one-0123456789', ChallengeParameters: {} }),
      cognitoEntry('RespondToAuthChallenge', { ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId: 'c1', Session: 'AYAB-session-one-0123456789', ChallengeResponses: { USERNAME: 'bob', SOFTWARE_TOKEN_MFA_CODE: 123456 } },
        { AuthenticationResult: { IdToken: ID_TOKEN, AccessToken: jwt({ token_use: 'access', username: 'bob', exp: 1_900_000_000 }) } }, { at: '2026-11-23T10:00:05.000Z' }),
      cognitoEntry('GetId', { IdentityPoolId: 'eu-west-1:p', Logins: { x: ID_TOKEN } }, { IdentityId: 'eu-west-1:i' }, { target: 'AWSCognitoIdentityService.GetId', at: '2026-11-23T10:00:06.000Z' }),
    ] } };
    const plain = toReport(analyzeHar(har));
    for (const profile of both) {
      const redacted = toReport(analyzeHar(redactHar(har, profile)));
      expect(redacted.flows.map((f) => [f.outcome, f.steps.map((s) => [s.entry, s.handoff])])).toEqual(plain.flows.map((f) => [f.outcome, f.steps.map((s) => [s.entry, s.handoff])]));
      expect(redacted.diagnostics.map((d) => [d.entry, d.code])).toEqual(plain.diagnostics.map((d) => [d.entry, d.code]));
      expect(redacted.ignored).toEqual(plain.ignored);
    }
  });
});
