/**
 * The HAR 1.2 fields browsers write beyond the ones the inspector reads (src/core/har.ts).
 * Fixture builders and the recording proxy both produce them, so test captures look like the
 * files users really attach to bug reports.
 */
import type { HarEntry } from '../../src/core/har';

export interface FullHarRequest {
  httpVersion: string;
  queryString: { name: string; value: string }[];
  cookies: never[];
  headersSize: number;
  bodySize: number;
}

export interface FullHarResponse {
  httpVersion: string;
  cookies: never[];
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

/** An entry with every HAR 1.2 field a browser writes; extra fields are added by each producer. */
export interface FullHarEntry extends HarEntry {
  request: HarEntry['request'] & FullHarRequest;
  response: HarEntry['response'] & FullHarResponse;
  cache: Record<string, never>;
}
