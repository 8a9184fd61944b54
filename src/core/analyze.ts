/**
 * The one entry point of the core: HAR (or live entries) → calls → flows → diagnostics.
 * Pure and synchronous; the CLI runs it once, the panel (live and HAR viewer) keeps
 * the same result up to date as entries arrive (live-analysis.ts).
 */
import type { AnalyzeOptions, Analysis, CognitoCall, IgnoredEntry } from './model';
import { classifyEntry } from './calls';
import { linkFlows } from './flows';
import { diagnose } from './diagnostics/index';
import type { ResolvedOptions } from './diagnostics/types';
import { isObject } from './json';
import { linkAfterSignIn } from './links/after-sign-in';
import { checkIdentity } from './identity/checks';
import { checkRefreshes } from './links/refresh-checks';
import type { Har } from './har';
import { analyzeOAuth } from './oauth/analyze';
import { appendAll } from './long-lists';

/** Thrown when the input is not a HAR at all; the message is one line, fit for a CLI. */
export class HarFormatError extends Error {
  override name = 'HarFormatError';
}

export const DEFAULT_OPTIONS: ResolvedOptions = {
  sessionValidityMinutes: 3,
  passwordVerifierWindowMs: 5_000,
};

/** Options with their defaults filled in (the live analysis shares them). */
export function resolveOptions(options: AnalyzeOptions | undefined): ResolvedOptions {
  const minutes = options?.sessionValidityMinutes;
  const window = options?.passwordVerifierWindowMs;
  return {
    sessionValidityMinutes: typeof minutes === 'number' && minutes > 0 ? minutes : DEFAULT_OPTIONS.sessionValidityMinutes,
    passwordVerifierWindowMs: typeof window === 'number' && window > 0 ? window : DEFAULT_OPTIONS.passwordVerifierWindowMs,
  };
}

/** Analyzes HAR entries in capture order (a HAR's `log.entries`, or what the panel collected). */
export function analyzeEntries(entries: readonly unknown[], options?: AnalyzeOptions): Analysis {
  const calls: CognitoCall[] = [];
  const ignored: IgnoredEntry[] = [];
  entries.forEach((entry, index) => {
    const classified = classifyEntry(entry, index);
    if (classified.kind === 'cognito') calls.push(classified.call);
    else ignored.push(classified.ignored);
  });
  return analyzeClassified(entries, calls, ignored, resolveOptions(options));
}

/**
 * The analysis of entries already classified (`calls` and `ignored`, in entry order): linking,
 * what follows a sign-in, diagnostics. The live panel does the same incrementally
 * (live-analysis.ts), with the same result after every update.
 */
export function analyzeClassified(entries: readonly unknown[], calls: readonly CognitoCall[], ignored: readonly IgnoredEntry[], resolved: ResolvedOptions): Analysis {
  const userPoolCalls = calls.filter((call) => call.service !== 'identity');
  const identityCalls = calls.filter((call) => call.service === 'identity');
  const linked = linkFlows(userPoolCalls, resolved.sessionValidityMinutes * 60_000);
  // Refreshes, calls made with a flow's tokens and identity-pool exchanges join their sign-in.
  const after = linkAfterSignIn(linked, identityCalls);
  const diagnostics = [...diagnose(linked, resolved), ...checkRefreshes(after.refreshes), ...checkIdentity(after.identity)];
  // Managed-login entries carry no X-Amz-Target: analysed by src/core/oauth, no longer counted as ignored.
  const oauth = analyzeOAuth(entries);
  const inOAuth = new Set(oauth.entries.map((e) => e.entry));
  appendAll(diagnostics, oauth.diagnostics);
  diagnostics.sort((a, b) => a.entry - b.entry);
  return {
    entries: entries.length,
    calls: calls.slice(),
    flows: linked.flows,
    standalone: linked.standalone,
    ignored: inOAuth.size === 0 ? ignored.slice() : ignored.filter((e) => !inOAuth.has(e.entry)),
    diagnostics,
    oauth,
  };
}

/** Throws HarFormatError unless `input` has the HAR shape `{ log: { entries: [...] } }`. */
export function assertHar(input: unknown): asserts input is Har {
  if (!isObject(input)) throw new HarFormatError('not a HAR file: the top level is not a JSON object');
  if (!isObject(input.log)) throw new HarFormatError('not a HAR file: it has no "log" object');
  if (!Array.isArray(input.log.entries)) throw new HarFormatError('not a HAR file: "log.entries" is not a list');
}

/** Checks that `input` is a HAR and analyzes it. */
export function analyzeHar(input: unknown, options?: AnalyzeOptions): Analysis {
  assertHar(input);
  return analyzeEntries(input.log.entries, options);
}
