/**
 * The re-run planner: a captured step's Session is single-use and short-lived
 * (cognito-protocol.md, "Validity windows"), so replaying a late step against the real service
 * means signing in again up to it. Given a flow and the step to replay, this says which captured
 * answers are sent again, which values are computed fresh, which the user must type (never
 * stored), and which flows cannot be re-run from a panel, with the reason. Rules are the tables
 * below; the runner (rerun.ts) follows the plan.
 */
import type { CognitoCall, Flow, JsonObject, Step } from '../model';
import { bodyObject } from '../body';
import { obj, str } from '../json';
import { tokenClaims } from '../tokens';

/** What the user is asked for; the names are the editor's `data-input` hooks. */
export type RerunInput = 'password' | 'code' | 'client-secret' | 'user-pool-id';

export interface PlannedStep {
  /** The captured step this call re-sends (its entry index; the re-sent call is `_replayOf` it). */
  entry: number;
  operation: string;
  /** ChallengeName answered (RespondToAuthChallenge), else null. */
  challenge: string | null;
  /** The last step: sent with the user's edited body. */
  target: boolean;
  /** Keys of the captured request sent again unchanged. */
  reused: string[];
  /** Keys computed fresh, and from what. */
  computed: { key: string; from: string }[];
  /** What this step needs typed. */
  asks: RerunInput[];
}

export type RerunPlan =
  | { ok: true; steps: PlannedStep[]; asks: RerunInput[]; notes: string[]; userPoolId: string | null }
  | { ok: false; reason: string };

/** Challenges whose answer is a one-time code: a fresh one is asked for (the captured one is used up). */
const CODE_KEYS: Readonly<Record<string, string>> = {
  SMS_MFA: 'SMS_MFA_CODE',
  SMS_OTP: 'SMS_OTP_CODE',
  EMAIL_OTP: 'EMAIL_OTP_CODE',
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
};

/** Challenges a panel cannot answer, with why. */
const CANNOT_RERUN: Readonly<Record<string, string>> = {
  DEVICE_SRP_AUTH: 'DEVICE_SRP_AUTH proves a remembered device with the device\'s own secret (its DeviceKey password verifier), which the app keeps and the panel never sees.',
  DEVICE_PASSWORD_VERIFIER: 'DEVICE_PASSWORD_VERIFIER is signed with the remembered device\'s secret, which the app keeps and the panel never sees.',
  WEB_AUTHN: 'WEB_AUTHN needs a passkey ceremony (navigator.credentials) for the page\'s origin; a DevTools panel cannot perform it.',
  MFA_SETUP: 'MFA_SETUP registers a new authenticator each time (AssociateSoftwareToken issues a new secret); re-running it would change the account.',
};

/** What a step's Session allows: a direct replay (`fresh`) or a re-run. */
export type SessionState = 'not-needed' | 'fresh' | 'spent' | 'maybe-spent' | 'expired';

export interface SessionStatus {
  state: SessionState;
  /** Plain words for the editor; '' for not-needed/fresh. */
  message: string;
}

function requestOf(call: CognitoCall): JsonObject {
  return bodyObject(call.request);
}

function answered(call: CognitoCall): boolean {
  return call.status !== 0;
}

const succeeded = (call: CognitoCall) => call.status >= 200 && call.status < 300 && call.error === null;

/**
 * Whether the Session `step` sent can still be used at `now`: spent once a request carrying it was
 * answered successfully; after a rejected answer UNVERIFIED (a warning, "maybe"); expired after
 * the validity (AuthSessionValidity, default 3 minutes).
 */
export function sessionStatus(flow: Flow, step: Step, now: number, validityMs: number): SessionStatus {
  const session = str(requestOf(step.call), 'Session');
  if (step.challengeIn === 'PASSWORD_VERIFIER') {
    return { state: 'spent', message: 'PASSWORD_VERIFIER\'s signature is bound to its TIMESTAMP and SECRET_BLOCK, and SECRET_BLOCK is single-use: an edited answer cannot succeed. Re-run the sign-in with the password instead.' };
  }
  if (session === undefined) return { state: 'not-needed', message: '' };
  const users = flow.steps.filter((s) => s.call.replayOf === null && str(requestOf(s.call), 'Session') === session && answered(s.call));
  if (users.some((s) => succeeded(s.call))) {
    return { state: 'spent', message: 'This step\'s Session was already answered successfully: Cognito refuses it ("session can only be used once").' };
  }
  if (users.some((s) => /invalid session/i.test(s.call.error?.message ?? ''))) {
    return { state: 'spent', message: 'Cognito already answered "Invalid session" for this Session: it cannot be used again.' };
  }
  const issuedAt = step.sessionAgeMs !== null && Number.isFinite(step.call.startedAt) ? step.call.startedAt - step.sessionAgeMs : null;
  if (issuedAt !== null && now - issuedAt > validityMs) {
    return { state: 'expired', message: `This step's Session was issued ${Math.round((now - issuedAt) / 60_000)} min ago, longer than the session validity (${Math.round(validityMs / 60_000)} min): Cognito refuses it ("session is expired").` };
  }
  if (users.length > 0) {
    return { state: 'maybe-spent', message: 'Cognito rejected an answer sent with this Session. Whether a Session survives a rejected answer is unverified; real apps often get "Invalid session for the user." — re-running the sign-in is the safe way.' };
  }
  return { state: 'fresh', message: '' };
}

/** The user pool id from the flow's (or the capture's) tokens: the `iss` path's last part. */
export function userPoolIdFromTokens(flows: readonly Flow[], clientId: string | null): string | null {
  for (const flow of flows) {
    if (clientId !== null && flow.clientId !== clientId) continue;
    for (const token of [flow.tokens.id, flow.tokens.access]) {
      const iss = token?.kind === 'jwt' ? str(tokenClaims(token), 'iss') : undefined;
      const pool = iss?.split('/').pop();
      if (pool && /^[\w-]+_[0-9A-Za-z]+$/.test(pool)) return pool;
    }
  }
  return null;
}

/** Whether the flow's app client has a secret: it sent SECRET_HASH, or Cognito said the secret was missing or wrong. */
export function flowNeedsSecret(flow: Flow): boolean {
  return flow.clientHasSecret || flow.steps.some((s) => /configured for secret|secret hash/i.test(s.call.error?.message ?? ''));
}

/** A captured value that can be sent again: present, and not masked by an export (‹redacted …›). */
function capturedClear(map: JsonObject, key: string): boolean {
  const value = str(map, key);
  return value !== undefined && value !== '' && !value.startsWith('‹redacted');
}

function planInitiate(step: Step, needsSecret: boolean, target = false): PlannedStep | string {
  const request = requestOf(step.call);
  const params = obj(request, 'AuthParameters') ?? {};
  const planned: PlannedStep = { entry: step.call.entry, operation: 'InitiateAuth', challenge: null, target: false, reused: [], computed: [], asks: [] };
  for (const key of Object.keys(params)) {
    if (key === 'SRP_A') planned.computed.push({ key, from: 'a fresh SRP secret' });
    else if (key === 'SECRET_HASH') continue;
    else if (key === 'PASSWORD' && !capturedClear(params, key)) planned.asks.push('password');
    else planned.reused.push(key);
  }
  // The password serves the PASSWORD_VERIFIER that follows SRP_A; a re-run that stops here needs none.
  if (str(params, 'SRP_A') !== undefined && !target) planned.asks.push('password');
  if (needsSecret) {
    planned.computed.push({ key: 'SECRET_HASH', from: 'the client secret' });
    planned.asks.push('client-secret');
  }
  const flowName = str(request, 'AuthFlow') ?? '';
  if (flowName === 'REFRESH_TOKEN_AUTH' || flowName === 'REFRESH_TOKEN') return 'A refresh (REFRESH_TOKEN_AUTH) has no challenges to re-run to; replay it directly.';
  return planned;
}

function planAnswer(step: Step, needsSecret: boolean, target: boolean): PlannedStep | string {
  const challenge = step.challengeIn ?? str(requestOf(step.call), 'ChallengeName') ?? null;
  if (challenge !== null && CANNOT_RERUN[challenge]) return CANNOT_RERUN[challenge];
  const responses = obj(requestOf(step.call), 'ChallengeResponses') ?? {};
  const planned: PlannedStep = { entry: step.call.entry, operation: 'RespondToAuthChallenge', challenge, target, reused: [], computed: [{ key: 'Session', from: 'the answer before' }], asks: [] };
  const codeKey = challenge !== null ? CODE_KEYS[challenge] : undefined;
  for (const key of Object.keys(responses)) {
    if (key === 'SECRET_HASH' || key === codeKey) continue;
    if (challenge === 'PASSWORD_VERIFIER' && ['PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP', 'USERNAME'].includes(key)) continue;
    if (key === 'SRP_A') continue;
    if (key === 'PASSWORD' && !target && !capturedClear(responses, key)) {
      planned.asks.push('password');
      continue;
    }
    planned.reused.push(key);
  }
  if (challenge === 'PASSWORD_VERIFIER') {
    planned.computed.push({ key: 'PASSWORD_CLAIM_SIGNATURE', from: 'the password (SRP)' }, { key: 'TIMESTAMP', from: 'the clock' },
      { key: 'PASSWORD_CLAIM_SECRET_BLOCK', from: 'the new SECRET_BLOCK' }, { key: 'USERNAME', from: 'USER_ID_FOR_SRP' });
    planned.asks.push('password', 'user-pool-id');
  }
  if (challenge === 'PASSWORD_SRP' || str(responses, 'SRP_A') !== undefined) {
    planned.computed.push({ key: 'SRP_A', from: 'a fresh SRP secret' });
    planned.asks.push('password');
  }
  if (codeKey) planned.asks.push('code');
  if (needsSecret) {
    planned.computed.push({ key: 'SECRET_HASH', from: 'the client secret' });
    planned.asks.push('client-secret');
  }
  return planned;
}

/**
 * The plan for re-running `flow` up to the step `targetEntry`: the captured InitiateAuth, each
 * challenge answered before the target (the answers Cognito accepted; rejected attempts and
 * earlier replays are skipped), then the target with the user's edit.
 */
export function planRerun(flow: Flow, targetEntry: number, allFlows: readonly Flow[] = [flow]): RerunPlan {
  const targetIndex = flow.steps.findIndex((s) => s.call.entry === targetEntry);
  const target = flow.steps[targetIndex];
  if (!target) return { ok: false, reason: 'The step is not part of this flow.' };
  const first = flow.steps[0];
  if (!first) return { ok: false, reason: 'The flow has no steps.' };
  const upToTarget = flow.steps.slice(0, targetIndex + 1);
  const admin = upToTarget.find((s) => s.call.operation.startsWith('Admin'));
  if (admin) return { ok: false, reason: `${admin.call.operation} is signed with AWS credentials (SigV4): a panel cannot sign it; re-run it from a backend with the AWS SDK.` };
  if (first.call.operation !== 'InitiateAuth') {
    return { ok: false, reason: `The flow starts with ${first.call.operation}, not InitiateAuth: only sign-ins captured from their InitiateAuth can be re-run.` };
  }
  const needsSecret = flowNeedsSecret(flow);
  const steps: PlannedStep[] = [];
  if (target.call.operation === 'InitiateAuth') {
    const planned = planInitiate(target, needsSecret, true);
    if (typeof planned === 'string') return { ok: false, reason: planned };
    steps.push({ ...planned, target: true });
  } else {
    if (target.call.operation !== 'RespondToAuthChallenge') {
      return { ok: false, reason: `${target.call.operation} is not a sign-in challenge answer; re-running up to it is not supported (replay it directly with a valid Session or access token).` };
    }
    const initiate = planInitiate(first, needsSecret);
    if (typeof initiate === 'string') return { ok: false, reason: initiate };
    steps.push(initiate);
    // The challenge each accepted answer leads to; the path follows it to the target's challenge.
    let outstanding = first.challengeOut;
    for (const step of upToTarget.slice(1, -1)) {
      // Reached the target's challenge: later accepted answers to it (a double submit) are not on the path.
      if (outstanding === target.challengeIn) break;
      if (step.call.replayOf !== null || step.call.operation !== 'RespondToAuthChallenge' || !succeeded(step.call)) continue;
      if (step.challengeIn !== outstanding) continue;
      const planned = planAnswer(step, needsSecret, false);
      if (typeof planned === 'string') return { ok: false, reason: planned };
      steps.push(planned);
      outstanding = step.challengeOut;
    }
    if (target.challengeIn !== null && outstanding !== target.challengeIn) {
      return { ok: false, reason: `The captured answers lead to ${outstanding ?? 'no challenge'}, not to ${target.challengeIn}: the capture lacks a step between them.` };
    }
    const last = planAnswer(target, needsSecret, true);
    if (typeof last === 'string') return { ok: false, reason: last };
    steps.push(last);
  }
  const asks = [...new Set(steps.flatMap((s) => s.asks))];
  const userPoolId = userPoolIdFromTokens(allFlows, flow.clientId);
  const notes: string[] = [];
  if (steps.some((s) => s.challenge === 'NEW_PASSWORD_REQUIRED' && !s.target)) notes.push('Re-sends the captured NEW_PASSWORD_REQUIRED answer: it sets that new password again.');
  if (steps.some((s) => s.challenge === 'CUSTOM_CHALLENGE')) notes.push('A custom challenge\'s Lambda may ask something new each time: the captured answer may not fit.');
  return { ok: true, steps, asks, notes, userPoolId };
}
