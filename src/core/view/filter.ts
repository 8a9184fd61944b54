/**
 * The flows-list filter: a flow matches when every word of the query is found (case-insensitive)
 * in what the user would search for: user, client id, auth flow, operations, challenges, error
 * types and messages, diagnostic codes and messages.
 */
import type { Diagnostic, Flow } from '../model';
import { appendAll } from '../long-lists';

/** The searchable text of a flow, lower case. */
export function flowSearchText(flow: Flow, flowDiagnostics: readonly Diagnostic[]): string {
  const parts: string[] = [flow.id, flow.user ?? '', flow.clientId ?? '', flow.authFlow ?? '', flow.outcome];
  for (const step of flow.steps) {
    parts.push(step.call.operation, step.challengeIn ?? '', step.challengeOut ?? '');
    if (step.call.error) parts.push(step.call.error.type, step.call.error.message);
  }
  for (const diagnostic of flowDiagnostics) appendAll(parts, [diagnostic.code, diagnostic.message, ...diagnostic.keys]);
  return parts.join('\n').toLowerCase();
}

/** True when every whitespace-separated word of `query` occurs in the flow; an empty query matches all. */
export function matchesFilter(searchText: string, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== '');
  return words.every((word) => searchText.includes(word));
}
