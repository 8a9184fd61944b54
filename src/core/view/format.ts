/**
 * Numbers and times as the panel shows them: compact like the browser's Network panel
 * ("84 ms", "1.2 s", "2 min 5 s"). Pure; the panel and tests share it.
 */

/** A request duration: "84 ms", "1.24 s", "2 min 5 s", "3 h 12 min", "4 d 2 h"; "—" when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  return coarseSpan(ms);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;
/** Beyond this a span is no longer a time anyone debugs with: say so instead of printing 1e300 days. */
const MAX_YEARS = 10_000;

/** Units from the largest: a span shows the largest that fits and the next one, like Network's "4 d 2 h". */
const UNITS: readonly [number, string][] = [[DAY, 'd'], [HOUR, 'h'], [MINUTE, 'min'], [1000, 's']];

/** A span of a minute or more in the two largest units, like Network: "2 min 5 s", "3 h 12 min", "4 d 2 h", "12 years". */
function coarseSpan(ms: number): string {
  if (!Number.isFinite(ms) || ms >= MAX_YEARS * YEAR) return `more than ${MAX_YEARS.toLocaleString('en-US')} years`;
  if (ms >= 2 * YEAR) return `${Math.floor(ms / YEAR)} years`;
  const at = UNITS.findIndex(([size]) => ms >= size);
  const [size, unit] = UNITS[at]!;
  const [nextSize, nextUnit] = UNITS[at + 1]!;
  const rest = Math.floor((ms % size) / nextSize);
  return rest > 0 ? `${Math.floor(ms / size)} ${unit} ${rest} ${nextUnit}` : `${Math.floor(ms / size)} ${unit}`;
}

/**
 * A signed span from the capture's point of view: "in 59 min", "3 d 2 h ago". Sane for any number
 * a token can carry (exp: 1e308 is "in more than 10,000 years", never "Infinity d"); "—" for NaN.
 */
export function formatRelative(ms: number): string {
  if (Number.isNaN(ms)) return '—';
  const abs = Math.abs(ms);
  const span = abs < MINUTE ? `${Math.round(abs / 1000)} s` : coarseSpan(abs);
  return ms >= 0 ? `in ${span}` : `${span} ago`;
}

/** The age of a Session when it was sent back: same scale as durations, "age 12 s". */
export function formatAge(ms: number | null): string {
  return ms === null ? '' : `age ${formatDuration(ms)}`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A Date for an epoch-ms time, or null when JavaScript cannot represent it: a token's `exp: 1e13`
 * (seconds) is 1e16 ms, past the Date range (±8.64e15 ms), where toISOString() throws RangeError.
 * Every date the panel formats goes through here.
 */
export function safeDate(epochMs: number | null | undefined): Date | null {
  if (epochMs === null || epochMs === undefined || !Number.isFinite(epochMs)) return null;
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Wall-clock time of a request in the viewer's time zone, "14:03:07.123"; "—" when unknown or out of range. */
export function formatClock(epochMs: number): string {
  const date = safeDate(epochMs);
  if (date === null) return '—';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** An epoch-ms claim time as an ISO date (UTC, unambiguous); "—" when absent; "out of range" when no calendar has it. */
export function formatDate(epochMs: number | null): string {
  if (epochMs === null || Number.isNaN(epochMs)) return '—';
  const date = safeDate(epochMs);
  return date === null ? 'out of range' : date.toISOString().replace('.000Z', 'Z');
}

/** "1 call", "3 calls". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** A JSON value pretty-printed for reading (2 spaces), or the text itself when it is not JSON. */
export function prettyJsonText(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text) as unknown, null, 2);
  } catch {
    return text;
  }
}

/**
 * An app client id as captured, for people: "—" when the requests named none, and an empty one
 * named as such rather than printed as a blank (a proxy in front of Cognito may fill it in).
 */
export function formatClientId(clientId: string | null): string {
  if (clientId === null) return '—';
  return clientId.trim() === '' ? 'empty ClientId (a proxy may fill it in)' : clientId;
}
