/**
 * Numbers and times as the panel shows them: compact like the browser's Network panel
 * ("84 ms", "1.2 s", "2 min 5 s"). Pure; the panel and tests share it.
 */

/** A request duration: "84 ms", "1.24 s", "2 min 5 s"; "—" when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

/** The age of a Session when it was sent back: same scale as durations, "age 12 s". */
export function formatAge(ms: number | null): string {
  return ms === null ? '' : `age ${formatDuration(ms)}`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Wall-clock time of a request in the viewer's time zone, "14:03:07.123"; "—" when unknown. */
export function formatClock(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '—';
  const date = new Date(epochMs);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** An epoch-ms claim time as an ISO date (UTC, unambiguous), "—" when absent. */
export function formatDate(epochMs: number | null): string {
  return epochMs === null || !Number.isFinite(epochMs) ? '—' : new Date(epochMs).toISOString().replace('.000Z', 'Z');
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
