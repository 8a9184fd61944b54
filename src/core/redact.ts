/**
 * Masks secrets in captured traffic so it can be shared: passwords, codes, Sessions, SECRET_HASH,
 * SRP claims, tokens, client secrets, AWS credentials, OAuth codes, cookies and auth headers, in
 * every body, header, URL and HAR field, whatever service the entry belongs to. What stays is what
 * debugging needs: lengths, fingerprints (the same Session masks the same way, so a redacted HAR
 * still links into the same chains), token headers and claims.
 *
 * Profiles are data (SAML-tracer's idea): `share` for a bug report, `strict` also hides who the
 * user is and drops bodies of requests that are not Cognito calls. The parts live in src/core/redact/:
 * rules (the tables), walk (the one iterative JSON walk), mask (one value), text (URLs, forms,
 * cookies, headers, XML), entry (HAR entries and files).
 */
export { PROFILES, maskKindFor, paramKind, type HarField, type HeaderKind, type KeyContext, type MaskKind, type RedactionProfile } from './redact/rules';
export { MAX_DEPTH, jsonLength, mapJson, mapJsonStrings, type Visit } from './redact/walk';
export { maskAny, maskValue } from './redact/mask';
export { maskHeader, maskParams, maskUrl, scrubJwts } from './redact/text';
export { mapJsonSecrets, redactEntry, redactHar, redactJson } from './redact/entry';
