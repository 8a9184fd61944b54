/**
 * missing-challenge-response, challenge-name-mismatch, unknown-challenge, username-not-srp-id,
 * missing-auth-parameter: does each request carry what the rules table says it must?
 */
import { ANSWER_OPERATIONS, CONDITIONAL_KEYS, USERNAME, authFlowRule, challengeRule, ownEntry } from '../rules';
import { obj, parseJsonString, str } from '../json';
import type { ExpectedKey, ExpectedKeys, JsonObject } from '../model';
import { SECRET_NOT_RECEIVED } from '../errors';
import type { Finding, StepCheck, StepInput } from './types';
import { finding } from './types';

/** Every key the answer to `challenge` needs in this flow, each with the reason it is needed. */
export function requiredChallengeKeys(challenge: string, responses: JsonObject, input: Pick<StepInput, 'ctx' | 'step'>): ExpectedKey[] {
  const rule = challengeRule(challenge);
  if (!rule) return [];
  const keys: ExpectedKey[] = [{ key: USERNAME, why: 'every challenge answer names the user' }];
  for (const key of rule.required) keys.push({ key, why: `${challenge} is answered with ${key}` });
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
  const answer = str(responses, 'ANSWER');
  for (const key of ownEntry(rule.keysByAnswer, answer) ?? []) keys.push({ key, why: `ANSWER is ${answer}` });
  const secretSignalled = SECRET_NOT_RECEIVED.test(input.step.call.error?.message ?? '');
  for (const conditional of CONDITIONAL_KEYS) {
    const applies = conditional.when === 'client-has-secret'
      ? input.ctx.secretSeenBefore || secretSignalled
      : input.ctx.deviceSeenBefore || rule.device === true;
    if (applies && !keys.some((k) => k.key === conditional.key)) keys.push({ key: conditional.key, why: conditional.why });
  }
  return keys;
}

function checkAnswer(input: StepInput): Finding[] {
  const { step, ctx, request } = input;
  const challenge = step.challengeIn;
  const findings: Finding[] = [];
  if (challenge === null) {
    if (input.step.call.request.state === 'json') {
      findings.push(finding('missing-challenge-response', 'error', `${step.call.operation} names no ChallengeName.`,
        'ChallengeName is required: send the name of the challenge being answered.', ['ChallengeName']));
    }
    return findings;
  }
  if (!challengeRule(challenge)) {
    if (challenge !== ctx.expectedChallenge) {
      findings.push(finding('unknown-challenge', 'warning', `Answers a challenge this tool does not know: ${challenge}.`,
        'Check the spelling (ChallengeName values are upper case); its required keys cannot be checked.'));
    }
  }
  if (ctx.expectedChallenge !== null && challenge !== ctx.expectedChallenge) {
    findings.push(finding('challenge-name-mismatch', 'error',
      `Answers ${challenge}, but the challenge issued was ${ctx.expectedChallenge}.`,
      `Send ChallengeName ${ctx.expectedChallenge} with its keys; a code under the wrong key gets CodeMismatchException.`));
  }
  const responses = obj(request, 'ChallengeResponses') ?? {};
  const absent = (step.expected?.keys ?? []).filter((k) => !Object.hasOwn(responses, k.key));
  if (absent.length > 0) {
    findings.push(finding('missing-challenge-response', 'error',
      `The answer to ${challenge} lacks ${absent.map((k) => k.key).join(', ')}.`,
      absent.map((k) => `${k.key}: needed because ${k.why}.`).join(' '),
      absent.map((k) => k.key),
      Object.fromEntries(absent.map((k) => [k.key, k.why]))));
  }
  findings.push(...checkAnswerOffered(challenge, responses, input));
  const srpId = str(ctx.expectedChallenge === challenge ? ctx.expectedParameters : null, 'USER_ID_FOR_SRP');
  const username = str(responses, USERNAME);
  if (srpId !== undefined && username !== undefined && username !== srpId) {
    const verifier = challenge.endsWith('PASSWORD_VERIFIER');
    findings.push(finding('username-not-srp-id', verifier ? 'error' : 'warning',
      `USERNAME is "${username}" but Cognito named the user "${srpId}" (USER_ID_FOR_SRP).`,
      'After signing in with an alias (email, phone), answer with USER_ID_FOR_SRP: the SRP signature and SECRET_HASH are computed over it.'));
  }
  return findings;
}

/** The AuthParameters InitiateAuth / AdminInitiateAuth needs for its AuthFlow, each with why. */
function authParameterKeys({ step, request }: Pick<StepInput, 'step' | 'request'>): ExpectedKey[] | null {
  const authFlow = str(request, 'AuthFlow');
  const rule = authFlowRule(authFlow);
  if (!authFlow || !rule) return null;
  const keys: ExpectedKey[] = rule.required.map((key) => ({ key, why: `${authFlow} needs ${key}` }));
  if (rule.keysByParameter) {
    const { parameter, values } = rule.keysByParameter;
    const value = str(obj(request, 'AuthParameters'), parameter);
    for (const key of ownEntry(values, value) ?? []) keys.push({ key, why: `${parameter} is ${value ?? ''}` });
  }
  if (SECRET_NOT_RECEIVED.test(step.call.error?.message ?? '') && !keys.some((k) => k.key === 'SECRET_HASH')) {
    keys.push({ key: 'SECRET_HASH', why: 'the app client has a secret (Cognito said so)' });
  }
  return keys;
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
    return { field: 'ChallengeResponses', keys: requiredChallengeKeys(step.challengeIn, obj(request, 'ChallengeResponses') ?? {}, input) };
  }
  if (op === 'InitiateAuth' || op === 'AdminInitiateAuth') {
    const keys = authParameterKeys(input);
    return keys ? { field: 'AuthParameters', keys } : null;
  }
  return null;
}

/** SELECT_MFA_TYPE: the ANSWER must be one of the MFA types the challenge offered. */
function checkAnswerOffered(challenge: string, responses: JsonObject, { ctx }: StepInput): Finding[] {
  const listedIn = challengeRule(challenge)?.answerListedIn;
  if (!listedIn || ctx.expectedChallenge !== challenge) return [];
  const offered = parseJsonString(str(ctx.expectedParameters, listedIn));
  const answer = str(responses, 'ANSWER');
  if (!Array.isArray(offered) || answer === undefined || offered.includes(answer)) return [];
  const choices = offered.filter((item): item is string => typeof item === 'string');
  return [finding('answer-not-offered', 'error',
    `ANSWER is ${answer}, but ${challenge} offered only ${choices.join(', ') || 'nothing'} (${listedIn}).`,
    `Answer with one of ${listedIn}: the user has no ${answer} set up, or the app assumed a choice Cognito did not give.`)];
}

function checkAuthParameters({ step, request }: StepInput): Finding[] {
  const authFlow = str(request, 'AuthFlow');
  const required = step.expected?.field === 'AuthParameters' ? step.expected.keys : [];
  const parameters = obj(request, 'AuthParameters') ?? {};
  const absent = required.filter((k) => !Object.hasOwn(parameters, k.key));
  if (absent.length === 0) return [];
  const names = absent.map((k) => k.key);
  return [finding('missing-auth-parameter', 'error',
    `${step.call.operation} ${authFlow ?? ''} lacks AuthParameters ${names.join(', ')}.`,
    names.includes('SECRET_HASH')
      ? 'The app client has a secret: send SECRET_HASH = Base64(HMAC_SHA256(client secret, USERNAME + ClientId)).'
      : `${authFlow ?? ''} needs ${required.map((k) => k.key).join(', ')} in AuthParameters (keys are case-sensitive).`,
    names,
    Object.fromEntries(absent.map((k) => [k.key, k.why])))];
}

function checkIssuedChallenge({ step }: StepInput): Finding[] {
  const out = step.challengeOut;
  if (out === null || challengeRule(out)) return [];
  return [finding('unknown-challenge', 'warning', `Cognito issued a challenge this tool does not know: ${out}.`,
    'The chain goes on, but the keys its answer needs cannot be checked. Please report it with a redacted HAR.')];
}

export const checkChallenge: StepCheck = (input) => {
  const op = input.step.call.operation;
  const findings = checkIssuedChallenge(input);
  if (ANSWER_OPERATIONS.has(op) && input.step.call.request.state === 'json') findings.push(...checkAnswer(input));
  if ((op === 'InitiateAuth' || op === 'AdminInitiateAuth') && input.step.call.request.state === 'json') findings.push(...checkAuthParameters(input));
  return findings;
};

