/**
 * Property tests: whatever a HAR file contains, the analyzer never throws (except the documented
 * HarFormatError when the input is not a HAR at all) and accounts for every entry exactly once.
 *
 * Inputs: random junk as the whole input and as entries; HAR entries with malformed headers,
 * random X-Amz-Target values, broken bodies, odd statuses; and mutations of valid synthetic
 * sign-in flows (drop / duplicate / reorder entries, swap Sessions, delete keys, corrupt tokens).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Buffer } from 'node:buffer';
import { analyzeHar, HarFormatError } from '../src/core/analyze';
import type { Analysis, IgnoredReason } from '../src/core/model';
import { toReport } from '../src/core/report';
import { decodeToken } from '../src/core/tokens';
import { generateSyntheticHar, ALL_FLOW_KINDS } from '../scripts/lib/synthetic-har';

// ---------------------------------------------------------------------------------------------
// The oracle: which entries are Cognito user-pool calls, written from the contract, not the code.
// ---------------------------------------------------------------------------------------------

// User pools and identity pools (issue 11): both services are Cognito calls.
const COGNITO_TARGET = /^AWSCognitoIdentity(?:Provider)?Service\.[A-Za-z]+$/;
const IGNORED_REASONS: ReadonlySet<IgnoredReason> = new Set(['not-cognito', 'preflight', 'other-aws-service', 'invalid-entry']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A Cognito call: an entry object whose request object has, as its first header named
 * X-Amz-Target (any case), a string `AWSCognitoIdentityProviderService.<Operation>` or
 * `AWSCognitoIdentityService.<Operation>`.
 * CORS preflights (OPTIONS) are never calls, even if a tool copied the header onto them.
 */
function isCognitoEntry(entry: unknown): boolean {
  if (!isPlainObject(entry) || !isPlainObject(entry.request)) return false;
  const { method, headers } = entry.request;
  if (typeof method === 'string' && method.toUpperCase() === 'OPTIONS') return false;
  if (!Array.isArray(headers)) return false;
  const header = headers.find((h: unknown) => isPlainObject(h) && typeof h.name === 'string' && h.name.toLowerCase() === 'x-amz-target');
  if (!isPlainObject(header) || typeof header.value !== 'string') return false;
  return COGNITO_TARGET.test(header.value.trim());
}

function isHarLike(input: unknown): input is { log: { entries: unknown[] } } {
  return isPlainObject(input) && isPlainObject(input.log) && Array.isArray(input.log.entries);
}

/** Runs the analyzer with the documented contract for non-HAR input; returns null then. */
function analyze(input: unknown): Analysis | null {
  if (!isHarLike(input)) {
    expect(() => analyzeHar(input)).toThrow(HarFormatError);
    return null;
  }
  return analyzeHar(input);
}

/** Every invariant an analysis of `entries` must satisfy. Throws (via expect) on the first broken one. */
function checkInvariants(entries: readonly unknown[], analysis: Analysis): void {
  const n = entries.length;
  expect(analysis.entries).toBe(n);

  // Calls: unique, in range, and exactly the Cognito entries.
  const callEntries = analysis.calls.map((call) => call.entry);
  expect(new Set(callEntries).size).toBe(callEntries.length);
  const expectedCalls: number[] = [];
  entries.forEach((entry, index) => {
    if (isCognitoEntry(entry)) expectedCalls.push(index);
  });
  expect([...callEntries].sort((a, b) => a - b)).toEqual(expectedCalls);

  // Each call is in exactly one flow step or in standalone: never both, never twice.
  const placed = new Map<number, number>();
  const place = (entry: number): void => void placed.set(entry, (placed.get(entry) ?? 0) + 1);
  for (const flow of analysis.flows) for (const step of flow.steps) place(step.call.entry);
  for (const call of analysis.standalone) place(call.entry);
  for (const entry of callEntries) expect(placed.get(entry), `call at entry ${entry} placed ${placed.get(entry) ?? 0} times`).toBe(1);
  expect(placed.size).toBe(callEntries.length);

  // Every other entry is ignored, once, with a reason.
  const ignored = new Map<number, number>();
  for (const item of analysis.ignored) {
    expect(IGNORED_REASONS.has(item.reason), `reason ${String(item.reason)}`).toBe(true);
    expect(typeof item.detail).toBe('string');
    ignored.set(item.entry, (ignored.get(item.entry) ?? 0) + 1);
  }
  const calls = new Set(callEntries);
  for (let index = 0; index < n; index++) {
    if (calls.has(index)) expect(ignored.has(index), `entry ${index} is both a call and ignored`).toBe(false);
    else expect(ignored.get(index), `entry ${index} ignored count`).toBe(1);
  }
  expect(ignored.size + calls.size).toBe(n);

  // Diagnostics point at real entries (Cognito calls) and real flows.
  const flowIds = new Set(analysis.flows.map((flow) => flow.id));
  expect(flowIds.size).toBe(analysis.flows.length);
  for (const d of analysis.diagnostics) {
    expect(Number.isInteger(d.entry) && d.entry >= 0 && d.entry < n, `diagnostic ${d.code} at entry ${d.entry}`).toBe(true);
    expect(calls.has(d.entry), `diagnostic ${d.code} at non-call entry ${d.entry}`).toBe(true);
    if (d.flow !== null) expect(flowIds.has(d.flow), `diagnostic ${d.code} names unknown flow ${d.flow}`).toBe(true);
    expect(Array.isArray(d.keys)).toBe(true);
    expect(typeof d.message).toBe('string');
  }

  // Flows: non-empty, tokens decoded to one of the documented shapes.
  for (const flow of analysis.flows) {
    expect(flow.steps.length).toBeGreaterThan(0);
    for (const token of [flow.tokens.id, flow.tokens.access, flow.tokens.refresh]) {
      if (token !== null) expect(['jwt', 'encrypted', 'malformed']).toContain(token.kind);
    }
  }

  // The JSON report is total too.
  JSON.stringify(toReport(analysis));
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

/** Names that break naive `table[name]` lookups. */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

const OPERATIONS = [
  'InitiateAuth', 'RespondToAuthChallenge', 'AdminInitiateAuth', 'AdminRespondToAuthChallenge', 'AssociateSoftwareToken',
  'VerifySoftwareToken', 'SignUp', 'ConfirmSignUp', 'GetTokensFromRefreshToken', 'GetUser', 'ListUsers', 'AdminCreateUser',
  'ForgotPassword', 'RevokeToken',
];
const IDENTITY_OPERATIONS = ['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken', 'UnlinkIdentity', 'ListIdentities'];
const CHALLENGE_NAMES = [
  'PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER', 'SMS_MFA', 'SMS_OTP', 'EMAIL_OTP', 'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE', 'MFA_SETUP', 'NEW_PASSWORD_REQUIRED', 'CUSTOM_CHALLENGE', 'SELECT_CHALLENGE', 'WEB_AUTHN', 'PASSWORD',
  'PASSWORD_SRP', 'ADMIN_NO_SRP_AUTH', 'EMAIL_MFA', 'SRP_A',
];
const AUTH_FLOWS = [
  'USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN',
  'CUSTOM_AUTH', 'USER_AUTH',
];
const PARAM_KEYS = [
  'USERNAME', 'SRP_A', 'SECRET_HASH', 'DEVICE_KEY', 'PASSWORD', 'NEW_PASSWORD', 'REFRESH_TOKEN', 'CHALLENGE_NAME',
  'PREFERRED_CHALLENGE', 'ANSWER', 'SMS_MFA_CODE', 'SOFTWARE_TOKEN_MFA_CODE', 'EMAIL_OTP_CODE', 'PASSWORD_CLAIM_SECRET_BLOCK',
  'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP', 'SECRET_BLOCK', 'USER_ID_FOR_SRP', 'SRP_B', 'SALT', 'requiredAttributes',
  'userAttributes', 'userAttributes.name', 'MFAS_CAN_CHOOSE', 'MFAS_CAN_SETUP', 'CREDENTIAL',
];

const junk = fc.oneof(
  { maxDepth: 2 },
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.constantFrom(...PROTOTYPE_NAMES),
  // What JSON.parse gives for {"toString":1}: an object that String() cannot convert.
  fc.constantFrom('{"toString":1}', '{"valueOf":{},"toString":null}', '{"__proto__":{"x":1}}').map((text) => JSON.parse(text) as unknown),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

const b64url = (value: string): string => Buffer.from(value, 'utf8').toString('base64url');
const validJwt = fc
  .record({ sub: fc.uuid(), token_use: fc.constantFrom('id', 'access', 'refresh', 42, null), exp: fc.oneof(fc.integer(), fc.double(), fc.string()), username: fc.string() }, { requiredKeys: [] })
  .map((claims) => `${b64url(JSON.stringify({ kid: 'k', alg: 'RS256' }))}.${b64url(JSON.stringify(claims))}.c2ln`);

/** Tokens: valid, malformed JWTs (wrong part count, bad base64, non-JSON or non-object payloads), JWEs, non-strings. */
const token = fc.oneof(
  validJwt,
  fc.constantFrom('', ' ', '.', '..', 'a.b.c', 'a.b', 'a.b.c.d', 'a.b.c.d.e', '....', 'eyJ.eyJ.', '%%%.%%%.%%%'),
  fc.jsonValue().map((payload) => `${b64url('{"alg":"none"}')}.${b64url(JSON.stringify(payload))}.`),
  fc.string().map((payload) => `${b64url(payload)}.${b64url(payload)}.${b64url(payload)}`),
  fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 7 }).map((parts) => parts.join('.')),
  fc.constant(`${b64url('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}')}.a.b.c.d`),
  fc.string(),
  junk,
);

/** A few shared values so that Sessions, SECRET_BLOCKs and tokens collide across entries. */
const sessionValue = fc.oneof(fc.constantFrom('AYABsession-1', 'AYABsession-2', 'AYABsession-3', '', ...PROTOTYPE_NAMES), fc.string(), junk);
const nameValue = fc.oneof(fc.constantFrom(...CHALLENGE_NAMES, ...PROTOTYPE_NAMES), fc.string(), junk);

const stringMap = fc.dictionary(
  fc.oneof(fc.constantFrom(...PARAM_KEYS, ...PROTOTYPE_NAMES), fc.string({ maxLength: 6 })),
  fc.oneof(fc.constantFrom('alice', 'sub-1', 'block-1', 'block-2', '["userAttributes.name"]', '[1,null]', '{', 'SRP_A', ...CHALLENGE_NAMES, ...PROTOTYPE_NAMES), fc.string(), junk),
  { maxKeys: 6 },
);

/** A Cognito-ish JSON body: the right keys, often with the wrong types. */
const cognitoBody = fc.record(
  {
    AuthFlow: fc.oneof(fc.constantFrom(...AUTH_FLOWS, ...PROTOTYPE_NAMES), junk),
    ClientId: fc.oneof(fc.constantFrom('client-a', 'client-b'), junk),
    AuthParameters: fc.oneof(stringMap, junk),
    ChallengeName: nameValue,
    ChallengeResponses: fc.oneof(stringMap, junk),
    ChallengeParameters: fc.oneof(stringMap, junk),
    Session: sessionValue,
    AccessToken: fc.oneof(fc.constantFrom('token-a', 'token-b'), token),
    // Identity-pool fields, often of the wrong type.
    IdentityPoolId: fc.oneof(fc.constantFrom('eu-west-1:0f0e', 'us-east-1_Abc', 'arn:aws:x', ...PROTOTYPE_NAMES), junk),
    IdentityId: fc.oneof(fc.constantFrom('eu-west-1:1', 'eu-west-1:2'), junk),
    Logins: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom('cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A', 'graph.facebook.com', ...PROTOTYPE_NAMES), fc.string({ maxLength: 6 })), fc.oneof(fc.constantFrom('token-a', 'token-b'), token), { maxKeys: 3 }), junk),
    CustomRoleArn: fc.oneof(fc.constantFrom('arn:aws:iam::1:role/a'), junk),
    Credentials: fc.oneof(fc.record({ AccessKeyId: fc.oneof(fc.constant('ASIAEXAMPLEKEY1234'), junk), Expiration: fc.oneof(fc.integer(), fc.double(), fc.string(), junk) }, { requiredKeys: [] }), junk),
    Token: fc.oneof(token, junk),
    Username: fc.oneof(fc.constantFrom('alice', 'bob'), junk),
    AvailableChallenges: fc.oneof(fc.array(nameValue, { maxLength: 3 }), junk),
    AuthenticationResult: fc.oneof(
      fc.record({ IdToken: token, AccessToken: fc.oneof(fc.constantFrom('token-a', 'token-b'), token), RefreshToken: token, NewDeviceMetadata: junk }, { requiredKeys: [] }),
      junk,
    ),
    __type: fc.oneof(fc.constantFrom('NotAuthorizedException', 'com.amazon#CodeMismatchException:http://x', ':', '#', ...PROTOTYPE_NAMES), junk),
    message: junk,
  },
  { requiredKeys: [] },
);

const HUGE = 'x'.repeat(300_000);
const bodyText = fc.oneof(
  fc.string(),
  cognitoBody.map((body) => JSON.stringify(body) ?? ''),
  cognitoBody.chain((body) => {
    const text = JSON.stringify(body) ?? '';
    return fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => text.slice(0, cut)); // truncated JSON
  }),
  fc.jsonValue().map((value) => JSON.stringify(value) ?? ''), // valid JSON, often of the wrong type
  fc.constantFrom('[]', '[1,2]', '42', 'null', 'true', '"text"', '{}', '{"__proto__":{"Session":"AYABsession-1"},"constructor":1}'),
  fc.constantFrom(HUGE, `{"Session":"${HUGE}"}`, `{"ChallengeName":"SMS_MFA","ChallengeResponses":{"USERNAME":"${HUGE}"}}`),
);

const targetValue = fc.oneof(
  fc.constantFrom(...OPERATIONS).map((op) => `AWSCognitoIdentityProviderService.${op}`),
  fc.constantFrom(
    'AWSCognitoIdentityService.GetId', 'DynamoDB_20120810.Query', 'Firehose_20150804.PutRecordBatch',
    ' AWSCognitoIdentityProviderService.InitiateAuth ', 'awscognitoidentityproviderservice.initiateauth',
    'AWSCognitoIdentityProviderService.', 'AWSCognitoIdentityProviderService.Initiate Auth', 'AWSCognitoIdentityProviderService.InitiateAuth/2',
    ...PROTOTYPE_NAMES.map((name) => `AWSCognitoIdentityProviderService.${name}`),
  ),
  fc.string().map((s) => `AWSCognitoIdentityProviderService.${s}`),
  fc.string(),
  junk,
);

const headerName = fc.oneof(
  fc.constantFrom('X-Amz-Target', 'x-amz-target', 'X-AMZ-TARGET', 'Content-Type', 'x-amzn-ErrorType', 'x-amzn-ErrorMessage', ...PROTOTYPE_NAMES),
  fc.string({ maxLength: 12 }),
  junk,
);
const header = fc.oneof(
  fc.record({ name: headerName, value: fc.oneof(targetValue, fc.string(), junk) }, { requiredKeys: [] }),
  fc.record({ name: fc.constant('X-Amz-Target'), value: targetValue }),
  junk,
);
const headers = fc.oneof(fc.array(header, { maxLength: 5 }), junk);

const content = fc.oneof(
  fc.record(
    {
      text: fc.oneof(bodyText, junk),
      encoding: fc.oneof(fc.constant('base64'), fc.constant('BASE64'), junk),
      size: fc.oneof(fc.integer({ min: -1, max: 100_000 }), junk),
      mimeType: fc.oneof(fc.constant('application/x-amz-json-1.1'), junk),
      comment: junk,
    },
    { requiredKeys: [] },
  ),
  // A correctly base64-encoded body.
  bodyText.map((text) => ({ text: Buffer.from(text, 'utf8').toString('base64'), encoding: 'base64' })),
  junk,
);

const status = fc.oneof(fc.constantFrom(0, 200, 204, 304, 400, 500, 503), fc.integer({ min: -10, max: 1000 }), fc.double(), junk);
const date = fc.oneof(
  fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-03-14T09:00:00.000Z', '2026-03-14T09:00:00.000Z', 'not a date', '', '2026-13-45T99:99:99Z'),
  junk,
);

const entry = fc.record(
  {
    startedDateTime: date,
    time: fc.oneof(fc.double(), fc.integer({ min: 0, max: 100_000 }), junk),
    request: fc.oneof(
      fc.record(
        {
          method: fc.oneof(fc.constantFrom('POST', 'GET', 'OPTIONS', 'options', 'post'), junk),
          url: fc.oneof(fc.constant('https://cognito-idp.eu-west-1.amazonaws.com/'), fc.string(), junk),
          headers,
          postData: fc.oneof(fc.record({ mimeType: junk, text: fc.oneof(bodyText, junk) }, { requiredKeys: [] }), junk),
        },
        { requiredKeys: [] },
      ),
      junk,
    ),
    response: fc.oneof(fc.record({ status, statusText: junk, headers, content }, { requiredKeys: [] }), junk),
  },
  { requiredKeys: [] },
);

/** Mostly Cognito-looking entries (well-formed request, Cognito target, JSON bodies), so flows actually form. */
const cognitoEntry = fc
  .record({
    startedDateTime: fc.integer({ min: 0, max: 600_000 }).map((ms) => new Date(Date.UTC(2026, 2, 14, 9) + ms).toISOString()),
    time: fc.integer({ min: 0, max: 5_000 }),
    op: fc.oneof(
      fc.constantFrom(...OPERATIONS).map((name) => `AWSCognitoIdentityProviderService.${name}`),
      fc.constantFrom(...IDENTITY_OPERATIONS).map((name) => `AWSCognitoIdentityService.${name}`),
    ),
    request: cognitoBody,
    response: cognitoBody,
    status: fc.constantFrom(200, 200, 200, 400, 0),
  })
  .map(({ startedDateTime, time, op, request, response, status: code }) => ({
    startedDateTime,
    time,
    request: {
      method: 'POST',
      url: 'https://cognito-idp.eu-west-1.amazonaws.com/',
      headers: [{ name: 'X-Amz-Target', value: op }],
      postData: { mimeType: 'application/x-amz-json-1.1', text: JSON.stringify(request) },
    },
    response: { status: code, headers: [], content: { mimeType: 'application/x-amz-json-1.1', text: JSON.stringify(response) } },
  }));

const harOf = (entries: unknown[]): unknown => ({ log: { version: '1.2', entries } });

// ---------------------------------------------------------------------------------------------
// Mutations of valid synthetic flows
// ---------------------------------------------------------------------------------------------

/** Small captures with every flow kind, some twice, plus ordinary traffic; generated once. */
const BASES = [1, 2, 3].map((seed) =>
  generateSyntheticHar({
    seed,
    mix: Object.fromEntries(ALL_FLOW_KINDS.map((kind) => [kind, seed === 1 ? 1 : (seed + kind.length) % 2])),
    ordinary: 12,
    bodies: 'small',
    windowMs: 20_000,
  }),
);
const SESSIONS: string[] = [];
for (const base of BASES) {
  for (const e of base.har.log.entries) {
    const match = /"Session":"([^"]+)"/.exec((e.response.content.text ?? '') + (e.request.postData?.text ?? ''));
    if (match?.[1]) SESSIONS.push(match[1]);
  }
}

type Mutation =
  | { op: 'drop' | 'duplicate' | 'move' | 'swap'; i: number; j: number }
  | { op: 'session'; i: number; side: 'request' | 'response'; value: unknown }
  | { op: 'delete-key'; i: number; side: 'request' | 'response'; pick: number }
  | { op: 'token'; i: number; which: 'IdToken' | 'AccessToken' | 'RefreshToken'; value: unknown }
  | { op: 'field'; i: number; path: 'startedDateTime' | 'time' | 'status' | 'target' | 'method' | 'encoding' | 'request' | 'response' | 'entry'; value: unknown }
  | { op: 'truncate'; i: number; side: 'request' | 'response'; cut: number }
  | { op: 'base64'; i: number };

const index = fc.nat({ max: 10_000 });
const side = fc.constantFrom<'request' | 'response'>('request', 'response');
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom<'drop' | 'duplicate' | 'move' | 'swap'>('drop', 'duplicate', 'move', 'swap'), i: index, j: index }),
  fc.record({ op: fc.constant<'session'>('session'), i: index, side, value: fc.oneof(fc.nat().map((k) => SESSIONS[k % SESSIONS.length]), sessionValue, fc.constant(undefined)) }),
  fc.record({ op: fc.constant<'delete-key'>('delete-key'), i: index, side, pick: fc.nat() }),
  fc.record({ op: fc.constant<'token'>('token'), i: index, which: fc.constantFrom<'IdToken' | 'AccessToken' | 'RefreshToken'>('IdToken', 'AccessToken', 'RefreshToken'), value: token }),
  fc.record({
    op: fc.constant<'field'>('field'),
    i: index,
    path: fc.constantFrom<'startedDateTime' | 'time' | 'status' | 'target' | 'method' | 'encoding' | 'request' | 'response' | 'entry'>(
      'startedDateTime', 'time', 'status', 'target', 'method', 'encoding', 'request', 'response', 'entry',
    ),
    value: fc.oneof(junk, targetValue, date, status),
  }),
  fc.record({ op: fc.constant<'truncate'>('truncate'), i: index, side, cut: fc.nat() }),
  fc.record({ op: fc.constant<'base64'>('base64'), i: index }),
);

type Obj = Record<string, unknown>;
const asObj = (value: unknown): Obj | undefined => (isPlainObject(value) ? value : undefined);

function bodyHolder(entry: unknown, which: 'request' | 'response'): Obj | undefined {
  const e = asObj(entry);
  return which === 'request' ? asObj(asObj(e?.request)?.postData) : asObj(asObj(e?.response)?.content);
}

/** Rewrites the JSON body of one side of an entry; leaves non-JSON bodies alone. */
function editBody(entry: unknown, which: 'request' | 'response', edit: (body: Obj) => void): void {
  const holder = bodyHolder(entry, which);
  if (!holder || typeof holder.text !== 'string') return;
  let body: unknown;
  try {
    body = JSON.parse(holder.text);
  } catch {
    return;
  }
  if (!isPlainObject(body)) return;
  edit(body);
  holder.text = JSON.stringify(body);
}

/** All (object, key) pairs of a body down to depth 2, to delete one. */
function keyPaths(body: Obj): [Obj, string][] {
  const out: [Obj, string][] = [];
  for (const key of Object.keys(body)) {
    out.push([body, key]);
    const child = asObj(body[key]);
    if (child) for (const inner of Object.keys(child)) out.push([child, inner]);
  }
  return out;
}

function applyMutation(entries: unknown[], m: Mutation): void {
  if (entries.length === 0) return;
  const i = m.i % entries.length;
  const target = entries[i];
  switch (m.op) {
    case 'drop':
      entries.splice(i, 1);
      return;
    case 'duplicate':
      entries.splice(m.j % (entries.length + 1), 0, structuredClone(target));
      return;
    case 'move': {
      const [moved] = entries.splice(i, 1);
      entries.splice(m.j % (entries.length + 1), 0, moved);
      return;
    }
    case 'swap': {
      const j = m.j % entries.length;
      entries[i] = entries[j];
      entries[j] = target;
      return;
    }
    case 'session':
      editBody(target, m.side, (body) => {
        if (m.value === undefined) delete body.Session;
        else body.Session = m.value;
      });
      return;
    case 'delete-key':
      editBody(target, m.side, (body) => {
        const paths = keyPaths(body);
        const chosen = paths[m.pick % Math.max(1, paths.length)];
        if (chosen) delete chosen[0][chosen[1]];
      });
      return;
    case 'token':
      editBody(target, 'response', (body) => {
        const result = asObj(body.AuthenticationResult);
        if (result) result[m.which] = m.value;
      });
      return;
    case 'truncate': {
      const holder = bodyHolder(target, m.side);
      if (holder && typeof holder.text === 'string') holder.text = holder.text.slice(0, m.cut % (holder.text.length + 1));
      return;
    }
    case 'base64': {
      const holder = bodyHolder(target, 'response');
      if (holder && typeof holder.text === 'string') {
        holder.text = Buffer.from(holder.text, 'utf8').toString('base64');
        holder.encoding = 'base64';
      }
      return;
    }
    case 'field': {
      const e = asObj(target);
      if (!e) return;
      const request = asObj(e.request);
      const response = asObj(e.response);
      switch (m.path) {
        case 'startedDateTime':
        case 'time':
          e[m.path] = m.value;
          return;
        case 'status':
          if (response) response.status = m.value;
          return;
        case 'method':
          if (request) request.method = m.value;
          return;
        case 'target': {
          const list = request?.headers;
          if (Array.isArray(list)) {
            const h = list.find((x: unknown) => isPlainObject(x) && typeof x.name === 'string' && x.name.toLowerCase() === 'x-amz-target');
            if (isPlainObject(h)) h.value = m.value;
          }
          return;
        }
        case 'encoding': {
          const c = asObj(response?.content);
          if (c) c.encoding = m.value;
          return;
        }
        case 'request':
        case 'response':
          e[m.path] = m.value;
          return;
        case 'entry':
          entries[i] = m.value;
          return;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const RUNS = { junkInput: 800, junkEntries: 600, structured: 800, cognito: 1000, mutations: 800, tokens: 3000 };

describe('analyzeHar never throws and accounts for every entry', () => {
  it('treats any non-HAR input per its contract: HarFormatError, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withNullPrototype: true, withBoxedValues: true }), fc.jsonValue(), junk, fc.record({ log: junk }), fc.record({ log: fc.record({ entries: junk }) })), (input) => {
        const analysis = analyze(input);
        if (analysis && isHarLike(input)) checkInvariants(input.log.entries, analysis);
      }),
      { numRuns: RUNS.junkInput },
    );
  });

  it('handles HARs whose entries are arbitrary junk', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(junk, fc.anything({ withNullPrototype: true })), { maxLength: 12 }), (entries) => {
        const analysis = analyze(harOf(entries));
        if (analysis) checkInvariants(entries, analysis);
      }),
      { numRuns: RUNS.junkEntries },
    );
  });

  it('handles entries with malformed headers, targets, bodies, encodings, statuses and dates', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(entry, cognitoEntry, junk), { maxLength: 10 }), (entries) => {
        const analysis = analyze(harOf(entries));
        if (analysis) checkInvariants(entries, analysis);
      }),
      { numRuns: RUNS.structured },
    );
  });

  it('handles well-formed Cognito calls with random bodies that share Sessions and tokens', () => {
    fc.assert(
      fc.property(fc.array(cognitoEntry, { minLength: 1, maxLength: 12 }), (entries) => {
        const analysis = analyze(harOf(entries));
        if (analysis) checkInvariants(entries, analysis);
      }),
      { numRuns: RUNS.cognito },
    );
  });

  it('handles mutated valid sign-in flows (dropped, duplicated, reordered entries; changed Sessions; deleted keys; corrupt tokens)', () => {
    fc.assert(
      fc.property(fc.nat({ max: BASES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), (baseIndex, mutations) => {
        const entries = structuredClone((BASES[baseIndex] as (typeof BASES)[number]).har.log.entries) as unknown[];
        for (const m of mutations) applyMutation(entries, m);
        const analysis = analyze(harOf(entries));
        if (analysis) checkInvariants(entries, analysis);
      }),
      { numRuns: RUNS.mutations },
    );
  });

  it('unmutated synthetic captures satisfy the invariants too', () => {
    for (const base of BASES) {
      const analysis = analyzeHar(base.har);
      checkInvariants(base.har.log.entries, analysis);
      expect(analysis.flows.length).toBe(base.flows.length);
    }
  });
});

describe('decodeToken', () => {
  it('never throws and always returns a documented shape', () => {
    fc.assert(
      fc.property(token, fc.oneof(fc.double(), fc.integer()), (raw, capturedAt) => {
        const decoded = decodeToken(raw, capturedAt);
        expect(['jwt', 'encrypted', 'malformed']).toContain(decoded.kind);
        JSON.stringify(decoded);
      }),
      { numRuns: RUNS.tokens },
    );
  });
});
