/**
 * Deterministic synthetic HAR captures: Cognito sign-in flows interleaved in time with each other
 * and with ordinary browser traffic. Used by `npm run bench` (10,000 entries, 500 flows, 2,000
 * Cognito calls) and by the tests (small captures, and valid flows to mutate).
 *
 * Same options and seed → byte-identical JSON (seeded PRNG, fixed dates, no Date.now()).
 */
import type { Har } from '../../src/core/har';
import type { SyntheticEntry } from './har-entry';
import { buildEntry, USER_AGENT } from './har-entry';
import { Rng } from './prng';
import type { ClientConfig, ExpectedOutcome, FlowKind, PlannedCall, PoolConfig, UserConfig } from './synthetic-flows';
import { ALL_FLOW_KINDS, FLOW_KINDS, writeFlow } from './synthetic-flows';
import { makeKid } from './synthetic-tokens';
import type { BodySizes, OrdinaryKind } from './synthetic-traffic';
import { APP_ORIGIN, ORDINARY_WEIGHTS, ordinarySpec, preflightSpec } from './synthetic-traffic';

export type { FlowKind, ExpectedOutcome } from './synthetic-flows';
export { FLOW_KINDS, ALL_FLOW_KINDS } from './synthetic-flows';

export interface SyntheticHarOptions {
  seed?: number;
  /** Number of sign-in flows. Default 500. */
  flows?: number;
  /**
   * Exact number of Cognito calls to reach by choosing longer or shorter flow kinds. Default 2000
   * when `flows` is not given either; otherwise whatever the mix produces.
   */
  cognitoCalls?: number;
  /** Number of non-Cognito entries (CORS preflights of the Cognito calls included). Default 8000. */
  ordinary?: number;
  /** Exact count per flow kind, instead of the default weights (then `flows`/`cognitoCalls` are ignored). */
  mix?: Partial<Record<FlowKind, number>>;
  /** `small` shrinks ordinary bodies ~25× (for fast tests); Cognito bodies stay realistic. */
  bodies?: BodySizes;
  /** First request time, ISO. Default 2026-03-14T09:00:00.000Z. */
  start?: string;
  /** Flows start within this window. Default 2.4 s per flow (500 flows → 20 minutes). */
  windowMs?: number;
}

export interface SyntheticFlowInfo {
  kind: FlowKind;
  expectedOutcome: ExpectedOutcome;
  authFlow: string;
  /** What the user typed to sign in (an email). */
  user: string;
  sub: string;
  clientId: string;
  clientHasSecret: boolean;
  /** HAR entry indexes of the flow's Cognito calls, in order. */
  entries: number[];
  operations: string[];
}

export interface SyntheticHarLog {
  version: string;
  creator: { name: string; version: string };
  pages: { startedDateTime: string; id: string; title: string; pageTimings: Record<string, number> }[];
  entries: SyntheticEntry[];
}

export interface SyntheticHar extends Har {
  log: SyntheticHarLog;
}

export interface SyntheticHarResult {
  har: SyntheticHar;
  flows: SyntheticFlowInfo[];
  /** Indexes of all Cognito user-pool entries. */
  cognitoEntries: number[];
  cognitoCalls: number;
  /**
   * Indexes of the background traffic's identity-pool calls (`cognito-identity`, counted in
   * `ordinary`): Cognito calls for the analysis since issue 11, each with tokens of no sign-in here.
   */
  identityEntries: number[];
  ordinary: number;
  ordinaryByKind: Partial<Record<OrdinaryKind | 'cognito-preflight', number>>;
}

/** Default share of each flow kind; sums to 1, about 3.9 calls per flow. */
export const DEFAULT_FLOW_WEIGHTS: Readonly<Record<FlowKind, number>> = {
  'srp-totp': 0.15,
  'srp-sms': 0.06,
  'srp-select-mfa': 0.15,
  'srp-mfa-setup': 0.24,
  'srp-device': 0.12,
  'password-new-password': 0.03,
  'password-new-password-mfa-setup': 0.1,
  'custom-auth': 0.04,
  'user-auth-email-otp': 0.03,
  'sign-up-auto-sign-in': 0.02,
  'fail-wrong-password': 0.02,
  'fail-password-auth': 0.01,
  'fail-totp-mismatch': 0.01,
  'fail-session-expired': 0.02,
};

/** Swaps of one flow kind for another that make exactly one call more (+1) or fewer (-1). */
const ONE_MORE: [FlowKind, FlowKind][] = [
  ['srp-totp', 'srp-select-mfa'],
  ['srp-sms', 'srp-select-mfa'],
  ['srp-select-mfa', 'srp-mfa-setup'],
  ['srp-device', 'srp-mfa-setup'],
  ['password-new-password', 'srp-totp'],
  ['fail-password-auth', 'password-new-password'],
];
const ONE_FEWER: [FlowKind, FlowKind][] = [
  ['srp-mfa-setup', 'srp-select-mfa'],
  ['srp-select-mfa', 'srp-totp'],
  ['srp-device', 'srp-totp'],
  ['srp-totp', 'password-new-password'],
  ['srp-sms', 'password-new-password'],
  ['password-new-password', 'fail-password-auth'],
];

/** How many flows of each kind: by weight, then nudged until the calls add up exactly. */
export function planFlowKinds(flows: number, cognitoCalls: number | undefined): Record<FlowKind, number> {
  const counts = Object.fromEntries(ALL_FLOW_KINDS.map((kind) => [kind, Math.floor(DEFAULT_FLOW_WEIGHTS[kind] * flows)])) as Record<FlowKind, number>;
  const assigned = ALL_FLOW_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
  counts['srp-totp'] += flows - assigned;
  if (cognitoCalls === undefined) return counts;
  if (cognitoCalls < flows || cognitoCalls > flows * 5) {
    throw new Error(`cannot make ${cognitoCalls} Cognito calls with ${flows} flows (1..5 calls per flow)`);
  }
  let calls = ALL_FLOW_KINDS.reduce((sum, kind) => sum + counts[kind] * FLOW_KINDS[kind].calls, 0);
  while (calls !== cognitoCalls) {
    const ladder = calls < cognitoCalls ? ONE_MORE : ONE_FEWER;
    const rung = ladder.find(([from]) => counts[from] > 0);
    if (!rung) throw new Error(`cannot make ${cognitoCalls} Cognito calls with ${flows} flows`);
    counts[rung[0]] -= 1;
    counts[rung[1]] += 1;
    calls += calls < cognitoCalls ? 1 : -1;
  }
  return counts;
}

const FIRST_NAMES = ['ana', 'ben', 'chloe', 'dmitri', 'eva', 'farid', 'grace', 'hiro', 'ines', 'jonas', 'kemi', 'liam', 'maya', 'nils', 'olga', 'priya'];
const LAST_NAMES = ['silva', 'okafor', 'martin', 'ivanova', 'schmidt', 'haddad', 'kim', 'tanaka', 'rossi', 'berg', 'adeyemi', 'walsh', 'cohen', 'larsen', 'petrov', 'nair'];

function makeUser(rng: Rng, index: number): UserConfig {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const groups = rng.chance(0.2) ? [rng.pick(['admins', 'support', 'billing'])] : [];
  return {
    sub: rng.uuid(),
    username: '', // set below: Cognito's username is the sub when users sign in with an email alias
    signInName: `${first}.${last}.${index}@example.com`,
    email: `${first}.${last}.${index}@example.com`,
    phone: `+4477009${String(rng.int(0, 99999)).padStart(5, '0')}`,
    name: `${first[0]?.toUpperCase()}${first.slice(1)} ${last[0]?.toUpperCase()}${last.slice(1)}`,
    password: `Pw-${rng.base64(9)}`,
    ...(groups.length > 0 ? { groups } : {}),
  };
}

function cognitoSpec(rng: Rng, pool: PoolConfig, call: PlannedCall) {
  const requestText = JSON.stringify(call.request);
  const responseText = JSON.stringify(call.response);
  const http2 = rng.chance(0.75);
  const responseHeaders: [string, string][] = [
    ['Date', new Date(call.start + call.duration).toUTCString()],
    ['Content-Type', 'application/x-amz-json-1.1'],
    ['Content-Length', String(responseText.length)],
    ['x-amzn-RequestId', rng.uuid()],
    ['Access-Control-Allow-Origin', '*'],
    ['Access-Control-Expose-Headers', 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date'],
  ];
  if (call.error) {
    responseHeaders.push(['x-amzn-ErrorType', `${call.error.type}:`], ['x-amzn-ErrorMessage', call.error.message]);
  }
  return buildEntry(
    {
      start: call.start,
      duration: call.duration,
      method: 'POST',
      url: pool.endpoint,
      http2,
      requestHeaders: [
        ['Accept', '*/*'],
        ['Accept-Encoding', 'gzip, deflate, br, zstd'],
        ['Accept-Language', 'en-GB,en;q=0.9'],
        ['Cache-Control', 'no-store'],
        ['Content-Length', String(requestText.length)],
        ['Content-Type', 'application/x-amz-json-1.1'],
        ['Origin', APP_ORIGIN],
        ['Referer', APP_ORIGIN + '/'],
        ['Sec-Fetch-Mode', 'cors'],
        ['User-Agent', USER_AGENT],
        ['X-Amz-Target', `AWSCognitoIdentityProviderService.${call.operation}`],
        ['X-Amz-User-Agent', 'aws-amplify/6.15.5 auth/4 framework/2'],
      ],
      postData: { mimeType: 'application/x-amz-json-1.1', text: requestText },
      status: call.status,
      statusText: call.status === 400 ? 'Bad Request' : undefined,
      responseHeaders,
      content: { mimeType: 'application/x-amz-json-1.1', text: responseText },
      resourceType: 'fetch',
    },
    rng,
  );
}

interface Timed {
  start: number;
  order: number;
  entry: SyntheticEntry;
  /** Flow index and call index, for Cognito calls. */
  flow?: number;
  /** An identity-pool call of the background traffic. */
  identity?: boolean;
}

export function generateSyntheticHar(options: SyntheticHarOptions = {}): SyntheticHarResult {
  const rng = new Rng(options.seed ?? 20260314);
  const sizes: BodySizes = options.bodies ?? 'realistic';
  const t0 = Date.parse(options.start ?? '2026-03-14T09:00:00.000Z');
  const counts: Record<FlowKind, number> = options.mix
    ? (Object.fromEntries(ALL_FLOW_KINDS.map((kind) => [kind, options.mix?.[kind] ?? 0])) as Record<FlowKind, number>)
    : planFlowKinds(
        options.flows ?? 500,
        'cognitoCalls' in options ? options.cognitoCalls : options.flows === undefined ? 2000 : undefined,
      );
  const kinds: FlowKind[] = [];
  for (const kind of ALL_FLOW_KINDS) for (let i = 0; i < counts[kind]; i++) kinds.push(kind);
  rng.shuffle(kinds);
  const flowCount = kinds.length;
  const windowMs = options.windowMs ?? Math.max(60_000, flowCount * 2400);

  const region = 'eu-west-1';
  const pool: PoolConfig = {
    region,
    poolId: `${region}_${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 9)}`,
    kids: [makeKid(rng), makeKid(rng)],
    endpoint: `https://cognito-idp.${region}.amazonaws.com/`,
  };
  const lower = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const clients: ClientConfig[] = [
    { clientId: rng.chars(lower, 26) },
    { clientId: rng.chars(lower, 26), secret: rng.chars(lower, 52) },
  ];

  const timed: Timed[] = [];
  let order = 0;
  let ordinaryLeft = options.ordinary ?? 8000;
  const ordinaryByKind: SyntheticHarResult['ordinaryByKind'] = {};

  const planned = kinds.map((kind, index) => {
    const user = makeUser(rng, index);
    user.username = user.sub;
    const client = rng.chance(0.85) ? (clients[0] as ClientConfig) : (clients[1] as ClientConfig);
    const start = t0 + 5_000 + Math.floor(rng.float() * windowMs);
    return writeFlow(kind, rng, pool, client, user, start);
  });

  planned.forEach((flow, flowIndex) => {
    flow.calls.forEach((call, callIndex) => {
      // Chrome sends a CORS preflight before a flow's first call (then caches it for a while).
      if (callIndex === 0 && ordinaryLeft > 0 && rng.chance(0.8)) {
        const spec = preflightSpec(rng, call.start - rng.int(60, 200), pool.endpoint, 'cache-control,content-type,x-amz-target,x-amz-user-agent');
        timed.push({ start: spec.start, order: order++, entry: buildEntry(spec, rng) });
        ordinaryLeft--;
        ordinaryByKind['cognito-preflight'] = (ordinaryByKind['cognito-preflight'] ?? 0) + 1;
      }
      timed.push({ start: call.start, order: order++, entry: cognitoSpec(rng, pool, call), flow: flowIndex });
    });
  });

  const lastCall = Math.max(t0 + windowMs, ...planned.flatMap((flow) => flow.calls.map((call) => call.start)));
  const span = lastCall - t0 + 10_000;
  for (let i = 0; i < ordinaryLeft; i++) {
    const kind = i === 0 ? 'document' : rng.weighted(ORDINARY_WEIGHTS);
    const start = i === 0 ? t0 : t0 + Math.floor(rng.float() * span);
    timed.push({ start, order: order++, entry: buildEntry(ordinarySpec(kind, rng, start, sizes), rng), ...(kind === 'cognito-identity' ? { identity: true } : {}) });
    ordinaryByKind[kind] = (ordinaryByKind[kind] ?? 0) + 1;
  }

  timed.sort((a, b) => a.start - b.start || a.order - b.order);

  const flows: SyntheticFlowInfo[] = planned.map((flow) => ({
    kind: flow.kind,
    expectedOutcome: FLOW_KINDS[flow.kind].outcome,
    authFlow: FLOW_KINDS[flow.kind].authFlow,
    user: flow.user.signInName,
    sub: flow.user.sub,
    clientId: flow.client.clientId,
    clientHasSecret: flow.client.secret !== undefined,
    entries: [],
    operations: flow.calls.map((call) => call.operation),
  }));
  const cognitoEntries: number[] = [];
  const identityEntries: number[] = [];
  timed.forEach((item, index) => {
    if (item.identity) identityEntries.push(index);
    if (item.flow === undefined) return;
    cognitoEntries.push(index);
    flows[item.flow]?.entries.push(index);
  });

  const har: SyntheticHar = {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [{ startedDateTime: new Date(t0).toISOString(), id: 'page_1', title: APP_ORIGIN + '/', pageTimings: { onContentLoad: 412.5, onLoad: 980.25 } }],
      entries: timed.map((item) => item.entry),
    },
  };
  return {
    har,
    flows,
    cognitoEntries,
    cognitoCalls: cognitoEntries.length,
    identityEntries,
    ordinary: timed.length - cognitoEntries.length,
    ordinaryByKind,
  };
}

/** Chrome writes HAR files pretty-printed with two spaces. */
export function serializeHar(har: Har): string {
  return JSON.stringify(har, null, 2);
}
