/**
 * What a replay changed against the call it replays: the keys sent (top level, and one level into
 * the answer maps and other objects: ChallengeResponses.NEW_PASSWORD), each added, removed or
 * changed, with values as the panel shows them (secrets masked, their length only), and the
 * answer's outcome on both sides (status, error, challenge issued, tokens issued).
 */
import type { CognitoCall, JsonObject } from '../model';
import { bodyObject } from '../body';
import { isObject, str } from '../json';
import { displayText, maskJson, maskedFrom, ownValue } from '../view/secrets';

export interface KeyChange {
  /** `Session`, or `ChallengeResponses.SMS_MFA_CODE` for a key inside an object. */
  key: string;
  change: 'added' | 'removed' | 'changed';
  /** The value as shown before / after (masked when secret); null on the side that lacks the key. */
  before: string | null;
  after: string | null;
  secret: boolean;
}

export interface AnswerOutcome {
  /** HTTP status; 0 when no response arrived. */
  status: number;
  /** The error type (NotAuthorizedException, …) or null. */
  error: string | null;
  /** The ChallengeName the response issued, or null. */
  challenge: string | null;
  /** Whether the response carried AuthenticationResult (tokens). */
  tokens: boolean;
}

export interface ReplayDiff {
  keys: KeyChange[];
  before: AnswerOutcome;
  after: AnswerOutcome;
  /** Which outcome fields differ, in the order status, error, challenge, tokens. */
  outcomeChanged: Array<keyof AnswerOutcome>;
}

function outcomeOf(call: CognitoCall): AnswerOutcome {
  const response = bodyObject(call.response);
  return {
    status: call.status,
    error: call.error?.type ?? null,
    challenge: str(response, 'ChallengeName') ?? null,
    tokens: isObject(ownValue(response, 'AuthenticationResult')),
  };
}

/** Flattens one level: objects' keys become `Parent.KEY`; shown values come from the masked walk. */
function flatten(body: JsonObject): Map<string, { real: string; shown: string; secret: boolean }> {
  const masked = maskJson(body);
  const out = new Map<string, { real: string; shown: string; secret: boolean }>();
  const put = (key: string, value: unknown, maskedValue: unknown) => {
    const hidden = maskedFrom(value, maskedValue);
    out.set(key, { real: displayText(value), shown: hidden ?? displayText(value), secret: hidden !== null });
  };
  for (const key of Object.keys(body)) {
    const value = ownValue(body, key);
    const maskedValue = ownValue(masked, key);
    if (isObject(value) && Object.keys(value).length > 0 && isObject(maskedValue)) {
      for (const inner of Object.keys(value)) put(`${key}.${inner}`, ownValue(value, inner), ownValue(maskedValue, inner));
    } else {
      put(key, value, maskedValue);
    }
  }
  return out;
}

export function replayDiff(original: CognitoCall, replay: CognitoCall): ReplayDiff {
  const before = flatten(bodyObject(original.request));
  const after = flatten(bodyObject(replay.request));
  const keys: KeyChange[] = [];
  for (const [key, was] of before) {
    const now = after.get(key);
    if (!now) keys.push({ key, change: 'removed', before: was.shown, after: null, secret: was.secret });
    else if (now.real !== was.real) keys.push({ key, change: 'changed', before: was.shown, after: now.shown, secret: was.secret || now.secret });
  }
  for (const [key, now] of after) {
    if (!before.has(key)) keys.push({ key, change: 'added', before: null, after: now.shown, secret: now.secret });
  }
  const was = outcomeOf(original);
  const now = outcomeOf(replay);
  const fields: Array<keyof AnswerOutcome> = ['status', 'error', 'challenge', 'tokens'];
  return { keys, before: was, after: now, outcomeChanged: fields.filter((f) => was[f] !== now[f]) };
}
