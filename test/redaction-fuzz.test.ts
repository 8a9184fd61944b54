/**
 * Redaction over arbitrary input: whatever shape an entry has, redactEntry never throws, its result
 * serialises, and redacting twice changes nothing (so a redacted HAR can be redacted again).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PROFILES, redactEntry, redactHar } from '../src/core/redact';
import type { HarEntry } from '../src/core/har';
import { hostileHar } from './fixtures/hostile';

const secretKeys = ['PASSWORD', 'Session', 'SOFTWARE_TOKEN_MFA_CODE', 'ANSWER', 'Logins', 'IdToken', 'code', 'state', 'Value', 'userAttributes.name', '__proto__', 'ChallengeName'];
const key = fc.oneof(fc.constantFrom(...secretKeys), fc.string({ maxLength: 8 }));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
})).value;

const text = fc.oneof(json.map((v) => JSON.stringify(v)), fc.string(), fc.constant('a=1&code=abcdef&password=pw'), fc.constant('<X><SessionToken>abc</SessionToken></X>'));
const header = fc.record({ name: fc.oneof(fc.constantFrom('Authorization', 'Cookie', 'Set-Cookie', 'Location', 'Referer', 'X-Amz-Target'), fc.string()), value: fc.oneof(fc.string(), json) });
const entry = fc.record({
  startedDateTime: fc.string(),
  request: fc.record({
    method: fc.string(),
    url: fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), json),
    headers: fc.oneof(fc.array(header, { maxLength: 4 }), json),
    queryString: fc.oneof(fc.array(fc.record({ name: key, value: json }), { maxLength: 3 }), json),
    cookies: json,
    postData: fc.record({ mimeType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/xml', ''), text, params: json }),
  }),
  response: fc.record({ status: fc.integer(), headers: fc.array(header, { maxLength: 3 }), redirectURL: fc.oneof(fc.webUrl(), json), content: fc.record({ text, encoding: fc.constantFrom('base64', undefined) }) }),
  _extra: json,
}) as fc.Arbitrary<unknown> as fc.Arbitrary<HarEntry>;

describe('redaction over arbitrary entries', () => {
  it.each([PROFILES.share, PROFILES.strict])('never throws, always serialises, and is idempotent ($name)', (profile) => {
    fc.assert(fc.property(entry, (e) => {
      const once = redactEntry(e, profile);
      const serialised = JSON.stringify(once);
      expect(JSON.stringify(redactEntry(JSON.parse(serialised) as HarEntry, profile))).toBe(serialised);
    }), { numRuns: 300 });
  });

  it.each([PROFILES.share, PROFILES.strict])('is idempotent over the hostile corpus ($name)', (profile) => {
    const once = JSON.stringify(redactHar(hostileHar(), profile).log.entries);
    const twice = JSON.stringify(redactHar({ log: { entries: JSON.parse(once) as HarEntry[] } }, profile).log.entries);
    expect(twice).toBe(once);
  });
});
