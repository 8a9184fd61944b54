/**
 * timestamp-format, slow-password-verifier: the SRP answer's TIMESTAMP must read like
 * `Wed Apr 5 22:42:34 UTC 2017` — English names, day NOT zero-padded, literal UTC (Java's
 * `EEE MMM d HH:mm:ss z yyyy`; cognito-protocol.md "Formats" [CU DateHelper, A6 getNowString]).
 * A zero-padded day or a wrong weekday fails as "Incorrect username or password".
 */
import { obj, str } from '../json';
import type { Finding, StepCheck } from './types';
import { finding } from './types';
// Days and hours past a day, as the Network panel counts ("264 d 6 h", not "380524 min"; issue 8).
import { formatDuration } from '../view/format';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIMESTAMP = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d) UTC (\d{4})$/;
const SKEW_WARNING_MS = 5 * 60_000;

/** Formats a date the way Cognito expects TIMESTAMP (used in messages and by the replay editor). */
export function cognitoTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

/** Why TIMESTAMP is wrong, or null when it is right. */
export function timestampProblem(value: string, sentAt: number): { problem: string; severity: Finding['severity'] } | null {
  const match = TIMESTAMP.exec(value);
  if (!match) {
    const padded = /^\w{3} \w{3} 0\d /.test(value);
    return {
      problem: padded ? `TIMESTAMP "${value}" has a zero-padded day` : `TIMESTAMP "${value}" is not in the form "Wed Apr 5 22:42:34 UTC 2017"`,
      severity: 'error',
    };
  }
  const [, weekday, month, day, hh, mm, ss, year] = match;
  const when = Date.UTC(Number(year), MONTHS.indexOf(month!), Number(day), Number(hh), Number(mm), Number(ss));
  const date = new Date(when);
  if (date.getUTCDate() !== Number(day)) return { problem: `TIMESTAMP "${value}" names a day that ${month} ${year} does not have`, severity: 'error' };
  if (WEEKDAYS[date.getUTCDay()] !== weekday) {
    return { problem: `TIMESTAMP "${value}" says ${weekday}, but that date is a ${WEEKDAYS[date.getUTCDay()]}`, severity: 'error' };
  }
  if (Number.isFinite(sentAt) && Math.abs(when - sentAt) > SKEW_WARNING_MS) {
    return { problem: `TIMESTAMP "${value}" is ${formatDuration(Math.abs(when - sentAt))} away from when the request was sent (${cognitoTimestamp(new Date(sentAt))})`, severity: 'warning' };
  }
  return null;
}

export const checkFormats: StepCheck = (findings, { step, ctx, request, options }) => {
  const timestamp = str(obj(request, 'ChallengeResponses'), 'TIMESTAMP');
  if (timestamp !== undefined) {
    const wrong = timestampProblem(timestamp, step.call.startedAt);
    if (wrong) {
      findings.push(finding('timestamp-format', wrong.severity, `${wrong.problem}.`,
        'Format it as `EEE MMM d HH:mm:ss UTC yyyy` from the current UTC time: English names, day without a leading zero. The signature covers it, so fix the code that builds it rather than the value.'));
    }
  }
  const verifier = step.challengeIn === 'PASSWORD_VERIFIER' || step.challengeIn === 'DEVICE_PASSWORD_VERIFIER';
  if (verifier && ctx.challengeIssuedAt !== null && Number.isFinite(step.call.startedAt)) {
    const waited = step.call.startedAt - ctx.challengeIssuedAt;
    if (waited > options.passwordVerifierWindowMs) {
      findings.push(finding('slow-password-verifier', 'warning',
        `${step.challengeIn} was answered ${(waited / 1000).toFixed(1)} s after it was issued.`,
        'Cognito expects the SRP answer "within a few seconds" (exact window unverified): compute it right away, without waiting for user input.'));
    }
  }
};
