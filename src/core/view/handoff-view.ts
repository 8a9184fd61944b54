/**
 * The link drawn between two step cards: how the Session (or SECRET_BLOCK, or access token) went
 * from one step to the next, in words, with its age and a fingerprint, never the value.
 */
import type { Flow, Step } from '../model';
import { retriedAfterRejection, uncheckableHandoff } from '../diagnostics/evidence';
import { formatAge } from './format';
import { sentSessionFingerprint } from '../step-sessions';

export type LinkKind = 'start' | 'ok' | 'missing' | 'mismatch' | 'reused' | 'expired' | 'unchecked' | 'retried';

export interface HandoffView {
  kind: LinkKind;
  /** Short words for the link, e.g. "Session handed over". */
  label: string;
  /** "age 12 s", or "" when unknown. */
  age: string;
  /** Fingerprint of the Session sent, e.g. "#3f9a0c12", or "". */
  fingerprint: string;
  /** What carried the handoff, e.g. "Session", "SECRET_BLOCK". */
  via: string;
}

const VIA_LABEL: Readonly<Record<Step['handoffVia'], string>> = {
  session: 'Session',
  'secret-block': 'SECRET_BLOCK',
  'access-token': 'access token',
  'confirm-session': 'Session (sign-up confirmation)',
  'user-name': 'user name',
  'id-token': 'ID token (in Logins)',
  'identity-id': 'IdentityId',
  none: '',
  redirect: 'redirect (Location)',
  state: 'state',
  code: 'authorization code',
  'refresh-token': 'refresh token',
  'origin-jti': 'origin_jti (refresh lineage)',
  client: 'client id (nothing else links it)',
  order: 'next sign-in on this domain (body not readable)',
};

const KIND_LABEL: Readonly<Record<LinkKind, string>> = {
  start: 'start of the sign-in',
  ok: 'handed over',
  missing: 'not sent',
  mismatch: 'not the latest one',
  reused: 'sent again (single-use)',
  expired: 'expired when sent',
  unchecked: 'cannot be checked (an earlier response was not captured)',
  retried: 'sent again after a rejected answer',
};

/** Links that carry no Session: said for what they are, not as a Session "handed over". */
const LINK_WORDS: Readonly<Partial<Record<Step['handoffVia'], string>>> = {
  'user-name': 'linked by user name: ConfirmSignUp of the same user\'s SignUp (this API sends no Session)',
};

/** The words for a link that carries no Session, or undefined for the others. */
export function linkWords(step: Step): string | undefined {
  return step.handoff === 'ok' ? (step.linkReason ?? LINK_WORDS[step.handoffVia]) : undefined;
}

/**
 * The link kind: the handoff verdict, with an ok-but-too-old Session shown as expired. Given the
 * flow, it also tells what the verdict alone cannot: a mismatch that cannot be checked (an earlier
 * response was not captured) and a retry after a rejected answer (not a double submit), as the
 * diagnostics say them (diagnostics/evidence.ts).
 */
export function linkKind(step: Step, flow?: Flow): LinkKind {
  if (step.handoff === 'ok' && step.sessionExpired) return 'expired';
  if (flow && uncheckableHandoff(flow, step)) return 'unchecked';
  // A retry Cognito refused ("Invalid session") stays a plain reuse: that one is a fault.
  if (flow && retriedAfterRejection(flow, step) && !/invalid session/i.test(step.call.error?.message ?? '')) return 'retried';
  return step.handoff;
}

export function handoffView(step: Step, flow?: Flow): HandoffView {
  const kind = linkKind(step, flow);
  const via = VIA_LABEL[step.handoffVia];
  const print = sentSessionFingerprint(step);
  // Calls after the sign-in that carry its tokens read as part of its story, not as a handoff
  // (RevokeToken after a managed-login sign-in sends its refresh token: oauth/api-join.ts).
  const label = step.withTokens && kind === 'ok' ? `with this sign-in's tokens (${step.handoffVia === 'refresh-token' ? via : 'access token'})`
    : step.identity && kind === 'ok' ? `identity pool: ${via}`
      : via && kind !== 'start' ? `${via} ${KIND_LABEL[kind]}` : KIND_LABEL[kind];
  return {
    kind,
    label: linkWords(step) ?? label,
    age: formatAge(step.sessionAgeMs),
    fingerprint: print ? `#${print}` : '',
    via,
  };
}
