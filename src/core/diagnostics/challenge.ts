/**
 * missing-challenge-response, challenge-name-mismatch, unknown-challenge, username-not-srp-id,
 * missing-auth-parameter: does each request carry what the rules table says it must?
 */
import { ANSWER_OPERATIONS, CONDITIONAL_KEYS, USERNAME, authFlowRule, challengeRule, keyMeaning, ownEntry } from '../rules';
import { obj, parseJsonString, str } from '../json';
import type { ExpectedKey, ExpectedKeys, JsonObject } from '../model';
import { SECRET_NOT_RECEIVED } from '../errors';
import type { Finding, StepCheck, StepInput } from './types';
import { finding } from './types';
import { outstandingChallengeUnknown } from './evidence';

/**
 * The keys every answer to a known challenge needs, with their reasons: the same for every step,
 * so worded once per challenge name (the rules table is fixed) instead of once per request, and
 * frozen: steps share them, and most steps share a whole list (sharedAnswerKeys).
 */
const baseChallengeKeys = new Map<string, readonly ExpectedKey[]>();

function challengeBaseKeys(challenge: string, required: readonly string[]): readonly ExpectedKey[] {
  let base = baseChallengeKeys.get(challenge);
  if (base === undefined) {
    const keys: ExpectedKey[] = [{ key: USERNAME, why: keyMeaning(USERNAME, challenge) ?? 'every challenge answer names the user' }];
    for (const key of required) keys.push({ key, why: keyMeaning(key, challenge) ?? `${challenge} is answered with ${key}` });
    base = keys.map((key) => Object.freeze(key));
    baseChallengeKeys.set(challenge, base);
  }
  return base;
}

/**
 * The keys of answers whose list depends only on the challenge and on whether a client secret and
 * a device are in play: most answers of a capture. One frozen ExpectedKeys per combination, shared
 * by every such step, instead of a list of its own per step: the analysis keeps every step's
 * expected keys, and what it keeps alive is what young-generation collections copy.
 */
const sharedChallengeKeys = new Map<string, (ExpectedKeys | undefined)[]>();

function sharedAnswerKeys(challenge: string, base: readonly ExpectedKey[], secret: boolean, device: boolean): ExpectedKeys {
  let variants = sharedChallengeKeys.get(challenge);
  if (variants === undefined) sharedChallengeKeys.set(challenge, (variants = []));
  const at = (secret ? 1 : 0) + (device ? 2 : 0);
  let shared = variants[at];
  if (shared === undefined) {
    const keys = base.slice();
    addConditionalKeys(keys, secret, device);
    variants[at] = shared = Object.freeze({ field: 'ChallengeResponses', keys: Object.freeze(keys) });
  }
  return shared;
}

/** The conditional keys as expected keys (what and why), worded once. */
const conditionalKeys = CONDITIONAL_KEYS.map(({ key, when, why }) => ({ when, expected: Object.freeze({ key, why }) }));

/** SECRET_HASH and DEVICE_KEY where they apply, after the keys the challenge itself needs. */
function addConditionalKeys(keys: ExpectedKey[], secret: boolean, device: boolean): void {
  for (const { when, expected } of conditionalKeys) {
    const applies = when === 'client-has-secret' ? secret : device;
    if (applies && !keys.some((k) => k.key === expected.key)) keys.push(expected);
  }
}

/** Every key the answer to `challenge` needs in this flow, each with the reason it is needed. */
function requiredChallengeKeys(challenge: string, responses: JsonObject, input: Pick<StepInput, 'ctx' | 'step'>): ExpectedKeys {
  const rule = challengeRule(challenge);
  if (!rule) return NO_ANSWER_KEYS;
  const base = challengeBaseKeys(challenge, rule.required);
  const secret = input.ctx.secretSeenBefore || SECRET_NOT_RECEIVED.test(input.step.call.error?.message ?? '');
  const device = input.ctx.deviceSeenBefore || rule.device === true;
  const answer = str(responses, 'ANSWER');
  const byAnswer = ownEntry(rule.keysByAnswer, answer);
  if (!rule.keysListedIn && !byAnswer?.length) return sharedAnswerKeys(challenge, base, secret, device);
  const keys: ExpectedKey[] = base.slice();
  const parameters = input.ctx.expectedChallenge === challenge ? input.ctx.expectedParameters : null;
  if (rule.keysListedIn) {
    const listed = parseJsonString(str(parameters, rule.keysListedIn));
    if (Array.isArray(listed)) {
      for (const item of listed) {
        if (typeof item !== 'string') continue;
        const key = item.startsWith('userAttributes.') ? item : `userAttributes.${item}`;
        keys.push({ key, why: `the challenge lists it in ${rule.keysListedIn}` });
      }
    }
  }
  for (const key of byAnswer ?? []) {
    const meaning = keyMeaning(key, challenge);
    keys.push({ key, why: `ANSWER is ${answer}, so the same answer carries ${key}${meaning ? `: ${meaning}` : ''}` });
  }
  addConditionalKeys(keys, secret, device);
  return { field: 'ChallengeResponses', keys };
}

/** An answer to a challenge the rules table does not know: no keys to check. */
const NO_ANSWER_KEYS: ExpectedKeys = Object.freeze({ field: 'ChallengeResponses', keys: Object.freeze([]) });

function checkAnswer(findings: Finding[], input: StepInput): void {
  const { step, ctx, request } = input;
  const challenge = step.challengeIn;
  if (challenge === null) {
    if (input.step.call.request.state === 'json') {
      findings.push(finding('missing-challenge-response', 'error', `${step.call.operation} names no ChallengeName.`,
        'ChallengeName is required: send the name of the challenge being answered.', ['ChallengeName']));
    }
    return;
  }
  if (!challengeRule(challenge)) {
    if (challenge !== ctx.expectedChallenge) {
      findings.push(finding('unknown-challenge', 'warning', `Answers a challenge this tool does not know: ${challenge}.`,
        'Check the spelling (ChallengeName values are upper case); its required keys cannot be checked.'));
    }
  }
  // No verdict when the outstanding challenge is not known: a later response could not be read, or
  // it was issued only after this request was sent (a double submit answers the earlier challenge).
  const issuedLater = ctx.challengeIssuedAt !== null && step.call.startedAt < ctx.challengeIssuedAt;
  if (ctx.expectedChallenge !== null && challenge !== ctx.expectedChallenge && !issuedLater && !outstandingChallengeUnknown(ctx.flow, step)) {
    findings.push(finding('challenge-name-mismatch', 'error',
      `Answers ${challenge}, but the challenge issued was ${ctx.expectedChallenge}.`,
      `Send ChallengeName ${ctx.expectedChallenge} with its keys; a code under the wrong key gets CodeMismatchException.`));
  }
  const responses = obj(request, 'ChallengeResponses') ?? {};
  const absent = (step.expected?.keys ?? []).filter((k) => !Object.hasOwn(responses, k.key));
  if (absent.length > 0) {
    findings.push(finding('missing-challenge-response', 'error',
      `The answer to ${challenge} lacks ${absent.map((k) => k.key).join(', ')}.`,
      absent.map((k) => `${k.key}: ${k.why}.`).join(' '),
      absent.map((k) => k.key),
      Object.fromEntries(absent.map((k) => [k.key, k.why]))));
  }
  checkAnswerOffered(findings, challenge, responses, input);
  checkUserIdForSrp(findings, challenge, responses, input);
}

/**
 * username-not-srp-id. USERNAME must be USER_ID_FOR_SRP only where the server computes something
 * over the user's internal name: the SRP challenges' math, and SECRET_HASH (cognito-protocol.md,
 * "Challenges" and "Formats"). Other challenges accept the alias the user signed in with — AWS's
 * own CLI example answers NEW_PASSWORD_REQUIRED with the e-mail alias [CLI-AIA] — so nothing is
 * said there.
 */
function checkUserIdForSrp(out: Finding[], challenge: string, responses: JsonObject, { ctx }: StepInput): void {
  const rule = challengeRule(challenge);
  const parameters = ctx.expectedChallenge === challenge ? ctx.expectedParameters : null;
  // DEVICE_PASSWORD_VERIFIER names the user in USERNAME rather than USER_ID_FOR_SRP.
  const srpId = str(parameters, 'USER_ID_FOR_SRP') ?? (rule?.srp ? str(parameters, USERNAME) : undefined);
  const username = str(responses, USERNAME);
  if (srpId === undefined || username === undefined || username === srpId) return;
  const named = `USERNAME is "${username}" but Cognito named the user "${srpId}" (USER_ID_FOR_SRP)`;
  if (rule?.srp) {
    out.push(finding('username-not-srp-id', 'error', `${named}; ${challenge} is SRP math over that name.`,
      `After signing in with an alias (e-mail, phone), answer ${challenge} with USER_ID_FOR_SRP as USERNAME: the SRP signature is computed over it, and so is SECRET_HASH when the app client has a secret.`));
  } else if (Object.hasOwn(responses, 'SECRET_HASH')) {
    out.push(finding('username-not-srp-id', 'warning', `${named}, and SECRET_HASH is sent with the alias.`,
      'After an alias sign-in, compute SECRET_HASH over USER_ID_FOR_SRP and send that as USERNAME: Cognito checks the hash against the user\'s internal name ("Unable to verify secret hash"). Without SECRET_HASH this challenge would accept the alias.'));
  }
}

/** The AuthParameters every request of an AuthFlow needs, worded once per AuthFlow (see challengeBaseKeys), frozen. */
const baseAuthFlowKeys = new Map<string, ExpectedKeys>();

function authFlowBaseKeys(authFlow: string, required: readonly string[]): ExpectedKeys {
  let base = baseAuthFlowKeys.get(authFlow);
  if (base === undefined) {
    const keys = required.map((key) => {
      // USERNAME's meaning is written for challenge answers; in AuthParameters it is plainly the user.
      const meaning = key === USERNAME ? undefined : keyMeaning(key, null);
      return Object.freeze({ key, why: meaning ? `${meaning} (${authFlow} needs it)` : `${authFlow} needs ${key}` });
    });
    base = Object.freeze({ field: 'AuthParameters', keys: Object.freeze(keys) });
    baseAuthFlowKeys.set(authFlow, base);
  }
  return base;
}

/** The AuthParameters InitiateAuth / AdminInitiateAuth needs for its AuthFlow, each with why. */
function authParameterKeys({ step, request }: Pick<StepInput, 'step' | 'request'>): ExpectedKeys | null {
  const authFlow = str(request, 'AuthFlow');
  const rule = authFlowRule(authFlow);
  if (!authFlow || !rule) return null;
  const base = authFlowBaseKeys(authFlow, rule.required);
  const parameter = rule.keysByParameter?.parameter;
  const value = parameter === undefined ? undefined : str(obj(request, 'AuthParameters'), parameter);
  const byParameter = rule.keysByParameter ? ownEntry(rule.keysByParameter.values, value) : undefined;
  const secretSignalled = SECRET_NOT_RECEIVED.test(step.call.error?.message ?? '');
  // Shared like the answers' keys (sharedAnswerKeys): one frozen list per AuthFlow.
  if (!byParameter?.length && !secretSignalled) return base;
  const keys: ExpectedKey[] = base.keys.slice();
  for (const key of byParameter ?? []) {
    const meaning = keyMeaning(key, null);
    keys.push({ key, why: `${parameter ?? ''} is ${value ?? ''}, so AuthParameters carry ${key} too${meaning ? `: ${meaning}` : ''}` });
  }
  if (secretSignalled && !keys.some((k) => k.key === 'SECRET_HASH')) {
    keys.push({ key: 'SECRET_HASH', why: 'the app client has a secret (Cognito said so)' });
  }
  return { field: 'AuthParameters', keys };
}

/**
 * What this request had to carry: the one place the rules table is turned into keys, read by the
 * missing-key checks below and shown by the panel's Request tab.
 */
export function expectedKeys(input: Pick<StepInput, 'step' | 'ctx' | 'request'>): ExpectedKeys | null {
  const { step, request } = input;
  if (step.call.request.state !== 'json') return null;
  const op = step.call.operation;
  if (ANSWER_OPERATIONS.has(op) && step.challengeIn !== null) {
    return requiredChallengeKeys(step.challengeIn, obj(request, 'ChallengeResponses') ?? {}, input);
  }
  if (op === 'InitiateAuth' || op === 'AdminInitiateAuth') return authParameterKeys(input);
  return null;
}

/** SELECT_MFA_TYPE: the ANSWER must be one of the MFA types the challenge offered. */
function checkAnswerOffered(out: Finding[], challenge: string, responses: JsonObject, { ctx }: StepInput): void {
  const listedIn = challengeRule(challenge)?.answerListedIn;
  if (!listedIn || ctx.expectedChallenge !== challenge) return;
  const offered = parseJsonString(str(ctx.expectedParameters, listedIn));
  const answer = str(responses, 'ANSWER');
  if (!Array.isArray(offered) || answer === undefined || offered.includes(answer)) return;
  const choices = offered.filter((item): item is string => typeof item === 'string');
  out.push(finding('answer-not-offered', 'error',
    `ANSWER is ${answer}, but ${challenge} offered only ${choices.join(', ') || 'nothing'} (${listedIn}).`,
    `Answer with one of ${listedIn}: the user has no ${answer} set up, or the app assumed a choice Cognito did not give.`));
}

function checkAuthParameters(out: Finding[], { step, request }: StepInput): void {
  const authFlow = str(request, 'AuthFlow');
  const required = step.expected?.field === 'AuthParameters' ? step.expected.keys : [];
  const parameters = obj(request, 'AuthParameters') ?? {};
  const absent = required.filter((k) => !Object.hasOwn(parameters, k.key));
  if (absent.length === 0) return;
  const names = absent.map((k) => k.key);
  out.push(finding('missing-auth-parameter', 'error',
    `${step.call.operation} ${authFlow ?? ''} lacks AuthParameters ${names.join(', ')}.`,
    names.includes('SECRET_HASH')
      ? 'The app client has a secret: send SECRET_HASH = Base64(HMAC_SHA256(client secret, USERNAME + ClientId)).'
      : `${absent.map((k) => `${k.key}: ${k.why}.`).join(' ')} Keys are upper case and case-sensitive.`,
    names,
    Object.fromEntries(absent.map((k) => [k.key, k.why]))));
}

function checkIssuedChallenge(findings: Finding[], { step }: StepInput): void {
  const out = step.challengeOut;
  if (out === null || challengeRule(out)) return;
  findings.push(finding('unknown-challenge', 'warning', `Cognito issued a challenge this tool does not know: ${out}.`,
    'The chain goes on, but the keys its answer needs cannot be checked. Please report it with a redacted HAR.'));
}

export const checkChallenge: StepCheck = (findings, input) => {
  const op = input.step.call.operation;
  checkIssuedChallenge(findings, input);
  if (ANSWER_OPERATIONS.has(op) && input.step.call.request.state === 'json') checkAnswer(findings, input);
  if ((op === 'InitiateAuth' || op === 'AdminInitiateAuth') && input.step.call.request.state === 'json') checkAuthParameters(findings, input);
};

