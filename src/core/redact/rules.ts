/**
 * What is a secret, as data: which keys, headers, parameters and HAR fields are masked, and how,
 * in each export profile (SAML-tracer's idea: redaction profiles as tested filters). The walk
 * (./walk.ts) and the maskers (./mask.ts, ./text.ts) read these tables; they hold no list of their own.
 *
 * Sources: shared/reference/cognito-protocol.md (user-pool keys), identity-pools.md ("Masking"),
 * managed-login-oauth2.md (§5 "Secrets to mask"). test/redaction-rules.test.ts drops each rule in
 * turn and checks the hostile corpus then leaks: no rule here is dead weight.
 */
import { ownEntry } from '../rules';

/**
 * How a value is masked: `length` keeps only its length (passwords, codes); `opaque` its length, a
 * fingerprint and, in `share`, its first and last 4 characters (long random values: Sessions,
 * hashes); `fingerprint` length and fingerprint only (who the user is; the same value masks the same
 * way, so flows still link); `jwt` a token's header and claims, never its signature; `accessKeyId`
 * keeps `ASIA` + the last 4 characters in every profile (an identifier sent in clear with every
 * signed request, needed to link requests to the credentials: identity-pools.md, "Masking");
 * `s256` its length and BASE64URL(SHA-256(value)), for the PKCE `code_verifier` only: that hash is
 * the `code_challenge` the authorize URL shows anyway, and keeps the PKCE check working on an
 * export (./s256-marker.ts; test/core/redact-s256.test.ts checks no other rule uses it).
 */
export type MaskKind = 'length' | 'opaque' | 'fingerprint' | 'jwt' | 'accessKeyId' | 's256';

/**
 * How a header value is masked: a value kind, or a masker that knows the header's syntax:
 * `authorization` (Basic whole, Bearer as a token, SigV4 signature and key id), `cookie` /
 * `set-cookie` (each cookie's value), `url` (secret parameters of a Location or Referer),
 * `referer` (as `url` in share; the origin only in strict), `subprotocol` (AppSync's signed headers).
 */
export type HeaderKind = MaskKind | 'authorization' | 'cookie' | 'set-cookie' | 'url' | 'subprotocol';

/** HAR fields besides bodies and headers that carry secrets (managed-login-oauth2.md §5, §6). */
export type HarField = 'request.url' | 'response.redirectURL' | 'request.queryString' | 'request.postData.params' | 'request.cookies' | 'response.cookies';

export interface RedactionProfile {
  name: string;
  /**
   * Keys and how to mask their values, whatever the value's type (a code sent as a number, a
   * password in an array): JSON keys in any kept body of any service, form fields, URL query and
   * fragment parameters, XML elements (STS). Exact, case-sensitive names.
   */
  keys: Readonly<Record<string, MaskKind>>;
  /** Key prefixes, e.g. `userAttributes.` for NEW_PASSWORD_REQUIRED's attribute keys. */
  keyPrefixes: Readonly<Record<string, MaskKind>>;
  /** Keys whose value is a map of secrets: every member is masked (the identity pool's `Logins`). */
  containers: Readonly<Record<string, MaskKind>>;
  /**
   * Keys that are secret except in the body of one of the listed challenges (`ChallengeName` of the
   * same body): ANSWER names an MFA type or a challenge for SELECT_MFA_TYPE / SELECT_CHALLENGE (what
   * one debugs) and is the user's secret answer for CUSTOM_CHALLENGE (cognito-protocol.md).
   */
  keysExceptInChallenges: Readonly<Record<string, { kind: MaskKind; keptIn: readonly string[] }>>;
  /** Header names (lower case) to mask, in every entry. */
  headers: Readonly<Record<string, HeaderKind>>;
  /** HAR fields masked (URLs and redirects by their parameters, name/value lists, cookies). */
  fields: readonly HarField[];
  /** JWTs found anywhere in kept text (an HTML page, an unknown field) lose their signature. */
  scrubJwtsInText: boolean;
  /**
   * Claims hidden inside otherwise readable tokens (legacy list, superseded by `claimsAllowed`).
   * Kept for callers that read it.
   */
  claims: readonly string[];
  /**
   * When set, only these claims stay readable in tokens; every other claim (who the user is:
   * sub, email, names, custom:*, and claims nobody listed) is replaced by its fingerprint.
   */
  claimsAllowed?: readonly string[];
  /** When set, every URL/form parameter not listed here is masked (by fingerprint). */
  paramsAllowed?: readonly string[];
  /** Mask URL path segments that look like identifiers (an e-mail, a UUID, an identity id). */
  maskPathIdentifiers: boolean;
  /**
   * Mask the user name inside cookie names: Amplify's cookie storage names its cookies
   * `CognitoIdentityServiceProvider.<clientId>.<username>.idToken` (and accessToken, refreshToken, …).
   */
  maskUserInCookieNames: boolean;
  /** `opaque` masks keep the first and last 4 characters. */
  opaqueEnds: boolean;
  /** Remove request and response bodies of entries that are not Cognito calls. */
  dropOtherBodies: boolean;
}

/** Secrets of the user-pool API (cognito-protocol.md) and the identity pool (identity-pools.md). */
const SECRET_KEYS: Record<string, MaskKind> = {
  // Passwords and codes: only their length.
  PASSWORD: 'length', NEW_PASSWORD: 'length', Password: 'length', PreviousPassword: 'length', ProposedPassword: 'length',
  TemporaryPassword: 'length', ClientSecret: 'length', SecretCode: 'length',
  SMS_MFA_CODE: 'length', SMS_OTP_CODE: 'length', EMAIL_OTP_CODE: 'length', SOFTWARE_TOKEN_MFA_CODE: 'length',
  UserCode: 'length', ConfirmationCode: 'length', MFACode: 'length', DEVICE_SECRET: 'length', DeviceSecret: 'length',
  // VerifyUserAttribute's code.
  Code: 'length',
  // Long random values: fingerprints link them across calls.
  Session: 'opaque', SECRET_HASH: 'opaque', SecretHash: 'opaque', SECRET_BLOCK: 'opaque', PASSWORD_CLAIM_SECRET_BLOCK: 'opaque',
  PASSWORD_CLAIM_SIGNATURE: 'opaque', REFRESH_TOKEN: 'opaque', RefreshToken: 'opaque', CREDENTIAL: 'opaque', DeviceGroupKey: 'opaque',
  // ConfirmDevice's DeviceSecretVerifierConfig: the SRP verifier of the device's password.
  PasswordVerifier: 'opaque',
  IdToken: 'jwt', AccessToken: 'jwt',
  // Identity pools: GetOpenIdToken's Token and RevokeToken's Token (a JWT, or an opaque/JWE refresh token).
  Token: 'jwt',
  SecretKey: 'length', SecretAccessKey: 'length', SessionToken: 'fingerprint', AccessKeyId: 'accessKeyId',
};

/** Hosted UI / OAuth 2.0 (managed-login-oauth2.md §5), STS forms and presigned URLs (identity-pools.md). */
const OAUTH_AND_URL_KEYS: Record<string, MaskKind> = {
  code: 'fingerprint', code_verifier: 's256', client_secret: 'length', state: 'opaque',
  access_token: 'jwt', id_token: 'jwt', refresh_token: 'jwt', token: 'jwt',
  password: 'length', _csrf: 'length', cognitoAsfData: 'length', SAMLResponse: 'length', RelayState: 'opaque',
  WebIdentityToken: 'jwt',
  'X-Amz-Signature': 'length', 'X-Amz-Credential': 'accessKeyId', 'X-Amz-Security-Token': 'fingerprint',
};

const SECRET_HEADERS: Record<string, HeaderKind> = {
  authorization: 'authorization', cookie: 'cookie', 'set-cookie': 'set-cookie', 'x-amz-security-token': 'fingerprint',
  // OAuth codes and tokens travel in redirects and in the Referer of the callback page's requests.
  location: 'url', referer: 'url',
  'x-api-key': 'opaque',
  // Amplify's AppSync realtime auth: signed headers, base64url-encoded, in the WebSocket subprotocol.
  'sec-websocket-protocol': 'subprotocol',
};

const ALL_FIELDS: readonly HarField[] = ['request.url', 'response.redirectURL', 'request.queryString', 'request.postData.params', 'request.cookies', 'response.cookies'];

/**
 * Who the user is. The fingerprint keeps flows linkable after redaction; note that a fingerprint of
 * an email can be matched against a list of guessed emails, so `strict` hides identity from a
 * casual reader, not from someone who already suspects who it is.
 */
const IDENTITY_KEYS: Record<string, MaskKind> = {
  USERNAME: 'fingerprint', Username: 'fingerprint', USER_ID_FOR_SRP: 'fingerprint', CODE_DELIVERY_DESTINATION: 'fingerprint',
  Destination: 'fingerprint', userAttributes: 'fingerprint',
  // Attribute lists (SignUp, AdminCreateUser, UpdateUserAttributes, GetUser) are [{ Name, Value }].
  Value: 'fingerprint',
  UserSub: 'fingerprint', DeviceName: 'fingerprint', IdentityId: 'fingerprint',
};

/** Claims that say nothing about who the user is: they stay readable in `strict`. */
const NON_IDENTIFYING_CLAIMS: readonly string[] = [
  'iss', 'aud', 'azp', 'client_id', 'token_use', 'exp', 'iat', 'nbf', 'auth_time', 'scope', 'jti', 'origin_jti', 'event_id',
  'version', 'amr', 'at_hash', 'nonce', 'email_verified', 'phone_number_verified', 'cognito:groups', 'cognito:roles',
  'cognito:preferred_role', 'alg', 'kid', 'typ',
];

/** OAuth / SigV4 parameters that are public by design (managed-login-oauth2.md §2.1, §5): kept in `strict`. */
const NON_IDENTIFYING_PARAMS: readonly string[] = [
  'response_type', 'client_id', 'redirect_uri', 'logout_uri', 'scope', 'identity_provider', 'idp_identifier', 'code_challenge',
  'code_challenge_method', 'nonce', 'lang', 'prompt', 'grant_type', 'token_type', 'expires_in', 'error', 'error_description',
  'signInSubmitButton', 'Action', 'Version', 'RoleArn', 'RoleSessionName',
  'X-Amz-Algorithm', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders',
];

const ANSWER_RULE = { ANSWER: { kind: 'length' as const, keptIn: ['SELECT_MFA_TYPE', 'SELECT_CHALLENGE'] } };

export const PROFILES: Readonly<Record<'share' | 'strict', RedactionProfile>> = {
  share: {
    name: 'share',
    keys: { ...SECRET_KEYS, ...OAUTH_AND_URL_KEYS },
    keyPrefixes: {},
    containers: { Logins: 'jwt' },
    keysExceptInChallenges: ANSWER_RULE,
    headers: SECRET_HEADERS,
    fields: ALL_FIELDS,
    scrubJwtsInText: true,
    claims: [],
    maskPathIdentifiers: false,
    maskUserInCookieNames: false,
    opaqueEnds: true,
    dropOtherBodies: false,
  },
  strict: {
    name: 'strict',
    keys: { ...SECRET_KEYS, ...OAUTH_AND_URL_KEYS, ...IDENTITY_KEYS },
    keyPrefixes: { 'userAttributes.': 'fingerprint' },
    containers: { Logins: 'jwt' },
    keysExceptInChallenges: ANSWER_RULE,
    headers: { ...SECRET_HEADERS, referer: 'fingerprint' },
    fields: ALL_FIELDS,
    scrubJwtsInText: true,
    claims: ['email', 'phone_number', 'name', 'given_name', 'family_name', 'address', 'birthdate', 'cognito:username', 'username', 'identities'],
    claimsAllowed: NON_IDENTIFYING_CLAIMS,
    paramsAllowed: NON_IDENTIFYING_PARAMS,
    maskPathIdentifiers: true,
    maskUserInCookieNames: true,
    opaqueEnds: false,
    dropOtherBodies: true,
  },
};

/** Where a key sits: the body's own ChallengeName decides whether ANSWER is a secret. */
export interface KeyContext {
  challengeName?: string | null;
}

/** ChallengeName-shaped values (upper case and underscores). */
function isChallengeName(value: string): boolean {
  return /^[A-Z][A-Z_]*$/.test(value);
}

function prefixKind(profile: RedactionProfile, key: string): MaskKind | undefined {
  for (const prefix in profile.keyPrefixes) if (Object.hasOwn(profile.keyPrefixes, prefix) && key.startsWith(prefix)) return profile.keyPrefixes[prefix];
  return undefined;
}

/**
 * How to mask the value under `key`, or undefined to keep it: the one rule for "what is a secret",
 * used by exports and by the panel's display. With a `context` (the body's ChallengeName), ANSWER is
 * kept only for the challenges that list it; without one (a caller that has only the key and the
 * value) it falls back to the value's shape, and with no value known ANSWER counts as secret.
 */
export function maskKindFor(key: string, value: string | undefined, profile: RedactionProfile = PROFILES.share, context?: KeyContext): MaskKind | undefined {
  const exception = ownEntry(profile.keysExceptInChallenges, key);
  if (exception) {
    if (context) return typeof context.challengeName === 'string' && exception.keptIn.includes(context.challengeName) ? undefined : exception.kind;
    return value !== undefined && isChallengeName(value) ? undefined : exception.kind;
  }
  return ownEntry(profile.keys, key) ?? prefixKind(profile, key);
}

/** How to mask a URL or form parameter: its key's rule, else (strict) any parameter not allowed. */
export function paramKind(name: string, profile: RedactionProfile): MaskKind | undefined {
  const kind = maskKindFor(name, undefined, profile, {});
  if (kind) return kind;
  if (profile.paramsAllowed && !profile.paramsAllowed.includes(name)) return 'fingerprint';
  return undefined;
}
