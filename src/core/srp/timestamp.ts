/**
 * PASSWORD_VERIFIER's TIMESTAMP in Cognito's exact format (cognito-protocol.md, "Formats"):
 * `ddd MMM D HH:mm:ss UTC YYYY`, English names, the day NOT zero-padded, the time zero-padded,
 * e.g. `Wed Apr 5 22:42:34 UTC 2017`. A zero-padded day is answered "Incorrect username or password.".
 */
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const two = (n: number) => String(n).padStart(2, '0');

export function cognitoTimestamp(date: Date): string {
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}
