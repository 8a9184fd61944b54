/**
 * Runs a re-run plan (plan.ts): sends InitiateAuth again, answers each earlier challenge with the
 * captured answer or a freshly computed one, carries each new Session forward, and finally sends
 * the user's edited answer with the newest Session. Each call goes out through `send` (the panel's
 * replay sender) and comes back as a HAR entry marked `_replayOf` the step it re-sends, so the
 * core links and diagnoses the re-run like any captured call. What the user typed lives only in
 * `RerunSecrets` for the length of the run.
 */
import type { HarEntry } from '../har';
import type { Flow, JsonObject } from '../model';
import { bodyObject, readResponseBody } from '../body';
import { isObject, obj, str } from '../json';
import { buildReplay, type ReplayRequest } from '../replay';
import type { PlannedStep, RerunInput, RerunPlan } from './plan';
import { computeSecretHash } from '../srp/secret-hash';
import { passwordVerifier, srpStart, type SrpStart } from '../srp/srp';

export interface RerunSecrets {
  password?: string;
  /** A fresh one-time code per step that needs one, by the step's entry. */
  codes?: Readonly<Record<number, string>>;
  clientSecret?: string;
  userPoolId?: string;
}

export interface RerunResult {
  ok: boolean;
  /** Every entry sent, in order (also when the run stopped early). */
  entries: HarEntry[];
  /** Why the run stopped before the target's answer, or the target's error; null when it went through. */
  reason: string | null;
}

const CODE_KEYS: Readonly<Record<string, string>> = {
  SMS_MFA: 'SMS_MFA_CODE', SMS_OTP: 'SMS_OTP_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE', SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
};

interface RunState {
  session: string | null;
  parameters: JsonObject;
  srp: SrpStart | null;
}

function need<T>(value: T | undefined | null | '', what: string): T {
  if (value === undefined || value === null || value === '') throw new RerunStop(`Type ${what} first.`);
  return value;
}

class RerunStop extends Error {}

async function initiateBody(step: PlannedStep, base: JsonObject, secrets: RerunSecrets, state: RunState): Promise<JsonObject> {
  const params: JsonObject = { ...(obj(base, 'AuthParameters') ?? {}) };
  if (str(params, 'SRP_A') !== undefined) {
    state.srp = srpStart();
    params.SRP_A = state.srp.srpA;
  }
  if ('PASSWORD' in params && step.asks.includes('password')) params.PASSWORD = need(secrets.password, 'the password');
  await addSecretHash(params, str(params, 'USERNAME'), str(base, 'ClientId'), secrets);
  return { ...base, AuthParameters: params };
}

async function addSecretHash(map: JsonObject, username: string | undefined, clientId: string | undefined, secrets: RerunSecrets): Promise<void> {
  if (secrets.clientSecret === undefined) return;
  map.SECRET_HASH = await computeSecretHash(need(secrets.clientSecret, 'the app client secret'), need(username, 'a USERNAME'), need(clientId, 'a ClientId'));
}

async function answerBody(step: PlannedStep, base: JsonObject, secrets: RerunSecrets, state: RunState, now: Date): Promise<JsonObject> {
  const responses: JsonObject = { ...(obj(base, 'ChallengeResponses') ?? {}) };
  const challenge = step.challenge ?? str(base, 'ChallengeName') ?? '';
  const codeKey = CODE_KEYS[challenge];
  if (codeKey && step.asks.includes('code')) responses[codeKey] = need(secrets.codes?.[step.entry], 'a fresh code');
  if (challenge === 'PASSWORD_VERIFIER') {
    const p = state.parameters;
    const userId = need(str(p, 'USER_ID_FOR_SRP') ?? str(p, 'USERNAME'), 'USER_ID_FOR_SRP (Cognito sent none)');
    const answer = await passwordVerifier({
      userPoolId: need(secrets.userPoolId, 'the user pool id'),
      userIdForSrp: userId,
      srpB: need(str(p, 'SRP_B'), 'SRP_B (Cognito sent none)'),
      salt: need(str(p, 'SALT'), 'SALT (Cognito sent none)'),
      secretBlock: need(str(p, 'SECRET_BLOCK'), 'SECRET_BLOCK (Cognito sent none)'),
      password: need(secrets.password, 'the password'),
      start: need(state.srp, 'an SRP start (the InitiateAuth had no SRP_A)'),
      now,
    });
    if (!answer.ok) throw new RerunStop(answer.reason);
    Object.assign(responses, answer.responses);
    // The SRP math is over USER_ID_FOR_SRP, so USERNAME must be it (cognito-protocol.md, "Challenges").
    responses.USERNAME = userId;
  }
  if (challenge === 'PASSWORD_SRP' || str(responses, 'SRP_A') !== undefined) {
    state.srp = srpStart();
    responses.SRP_A = state.srp.srpA;
  }
  if ('PASSWORD' in responses && step.asks.includes('password')) responses.PASSWORD = need(secrets.password, 'the password');
  await addSecretHash(responses, str(responses, 'USERNAME'), str(base, 'ClientId'), secrets);
  const body: JsonObject = { ...base, ChallengeResponses: responses };
  if (state.session !== null) body.Session = state.session;
  else delete body.Session;
  return body;
}

/** Cognito's error in an answer, in plain words; null when it succeeded. */
function failure(entry: HarEntry): string | null {
  const status = entry.response.status;
  if (status >= 200 && status < 300) return null;
  if (status === 0) return `No answer: ${entry.response._error ?? 'the request failed'}`;
  const body = bodyObject(readResponseBody(entry.response.content, status));
  const type = (str(body, '__type') ?? '').split('#').pop() ?? '';
  const message = str(body, 'message') ?? str(body, 'Message') ?? '';
  return `${type || `HTTP ${status}`}${message ? `: ${message}` : ''}`;
}

const INPUT_NAMES: Readonly<Record<RerunInput, string>> = {
  password: 'the password', code: 'a fresh code', 'client-secret': 'the app client secret', 'user-pool-id': 'the user pool id',
};

/** The first value the plan needs that was not typed, in words; null when everything is there. */
export function missingInput(plan: Extract<RerunPlan, { ok: true }>, secrets: RerunSecrets): string | null {
  for (const step of plan.steps) {
    for (const input of step.asks) {
      const value = input === 'password' ? secrets.password
        : input === 'code' ? secrets.codes?.[step.entry]
          : input === 'client-secret' ? secrets.clientSecret : secrets.userPoolId;
      if (value === undefined || value.trim() === '') return INPUT_NAMES[input];
    }
  }
  return null;
}

/**
 * Runs the plan (nothing is sent unless every value it asks for was typed). `editedTarget` is the target's body as the user edited it; `send` delivers one
 * request (and the caller appends each entry to the capture as it comes, via `onEntry`).
 */
export async function runRerun(
  plan: Extract<RerunPlan, { ok: true }>,
  flow: Flow,
  editedTarget: JsonObject,
  secrets: RerunSecrets,
  send: (request: ReplayRequest) => Promise<HarEntry>,
  options: { now?: () => Date; onEntry?: (entry: HarEntry) => void } = {},
): Promise<RerunResult> {
  const missing = missingInput(plan, secrets);
  if (missing !== null) return { ok: false, entries: [], reason: `Type ${missing} first.` };
  const now = options.now ?? (() => new Date());
  const state: RunState = { session: null, parameters: {}, srp: null };
  const entries: HarEntry[] = [];
  for (const [index, step] of plan.steps.entries()) {
    const call = flow.steps.find((s) => s.call.entry === step.entry)?.call;
    if (!call) return { ok: false, entries, reason: `Step ${step.entry} is no longer in the capture.` };
    let body: JsonObject;
    try {
      const base = step.target ? editedTarget : bodyObject(call.request);
      body = step.operation === 'InitiateAuth' ? await initiateBody(step, base, secrets, state) : await answerBody(step, base, secrets, state, now());
    } catch (error) {
      if (error instanceof RerunStop) return { ok: false, entries, reason: error.message };
      throw error;
    }
    const built = buildReplay(call, JSON.stringify(body));
    if (!built.ok) return { ok: false, entries, reason: built.reason };
    const entry = await send(built.request);
    entries.push(entry);
    options.onEntry?.(entry);
    const failed = failure(entry);
    if (failed !== null) {
      return { ok: false, entries, reason: step.target ? `Your answer was refused: ${failed}` : `The re-run stopped at step ${index + 1} (${step.challenge ?? step.operation}): ${failed}` };
    }
    const answer = bodyObject(readResponseBody(entry.response.content, entry.response.status));
    state.session = str(answer, 'Session') ?? null;
    const parameters = answer.ChallengeParameters;
    state.parameters = isObject(parameters) ? parameters : {};
    const next = plan.steps[index + 1];
    const challenge = str(answer, 'ChallengeName') ?? null;
    if (next && next.challenge !== null && challenge !== next.challenge) {
      return { ok: false, entries, reason: `Cognito asked for ${challenge ?? 'nothing more'} where the capture answered ${next.challenge}: the account or app client changed since.` };
    }
  }
  return { ok: true, entries, reason: null };
}
