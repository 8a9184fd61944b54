/**
 * The link drawn between two step cards: how the Session (or SECRET_BLOCK, or access token) went
 * from one step to the next, in words, with its age and a fingerprint, never the value.
 */
import type { Step } from '../model';
import { formatAge } from './format';

export type LinkKind = 'start' | 'ok' | 'missing' | 'mismatch' | 'reused' | 'expired';

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
  none: '',
  redirect: 'redirect (Location)',
  state: 'state',
  code: 'authorization code',
  'refresh-token': 'refresh token',
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
};

/** The link kind: the handoff verdict, with an ok-but-too-old Session shown as expired. */
export function linkKind(step: Step): LinkKind {
  if (step.handoff === 'ok' && step.sessionExpired) return 'expired';
  return step.handoff;
}

export function handoffView(step: Step): HandoffView {
  const kind = linkKind(step);
  const via = VIA_LABEL[step.handoffVia];
  return {
    kind,
    label: via && kind !== 'start' ? `${via} ${KIND_LABEL[kind]}` : KIND_LABEL[kind],
    age: formatAge(step.sessionAgeMs),
    fingerprint: step.sessionSent ? `#${step.sessionSent}` : '',
    via,
  };
}
