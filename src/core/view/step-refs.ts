/**
 * Diagnostics name other calls by their entry number ("issued by entry 0"), a number the panel
 * shows nowhere. These helpers cut a message into text and references, so the panel can show
 * "step 1, InitiateAuth" as a link that selects it. The core's words stay as they are (the CLI
 * and --json keep entry numbers, which a HAR reader can look up).
 */
import type { CognitoCall } from '../model';

export type MessagePart = string | { entry: number; label: string };

const ENTRY_REF = /\bentry (\d+)\b/g;

/** How a call is named in the panel: "step 3, RespondToAuthChallenge" in a flow, "GetUser call" outside one. */
export function stepLabel(calls: readonly CognitoCall[], entry: number, inFlow: boolean): string | null {
  const index = calls.findIndex((call) => call.entry === entry);
  if (index < 0) return null;
  const call = calls[index]!;
  return inFlow ? `step ${index + 1}, ${call.operation}` : `${call.operation} call`;
}

/** Splits a message at each "entry N" that names a call shown here; other references stay text. */
export function messageParts(message: string, calls: readonly CognitoCall[], inFlow: boolean): MessagePart[] {
  const parts: MessagePart[] = [];
  let from = 0;
  for (const match of message.matchAll(ENTRY_REF)) {
    const entry = Number(match[1]);
    const label = stepLabel(calls, entry, inFlow);
    if (label === null) continue;
    if (match.index > from) parts.push(message.slice(from, match.index));
    parts.push({ entry, label });
    from = match.index + match[0].length;
  }
  if (from < message.length) parts.push(message.slice(from));
  return parts;
}

/**
 * What a step card says, each failure once: the diagnostics that name a cause first; Cognito's own
 * words (the error type and message) beside them, once. When the only finding is the error itself,
 * its diagnostic says it (with what usually causes it) and no separate error line repeats it.
 */
export function cardFindings<D extends { code: string; severity: string }>(call: CognitoCall, diagnostics: readonly D[]): { diagnostics: D[]; serverWords: string | null } {
  const said = call.error ? (call.error.message ? `${call.error.type}: ${call.error.message}` : call.error.type) : null;
  const causes = diagnostics.filter((d) => d.code !== 'cognito-error');
  const errorCause = causes.some((d) => d.severity === 'error');
  if (said === null) return { diagnostics: [...diagnostics], serverWords: null };
  if (errorCause) return { diagnostics: causes, serverWords: said };
  const own = diagnostics.some((d) => d.code === 'cognito-error');
  return { diagnostics: [...diagnostics], serverWords: own ? null : said };
}
