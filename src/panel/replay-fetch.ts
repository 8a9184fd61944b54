/**
 * Sends a replay with `fetch` and records the exchange as a HAR entry. Used by the HAR viewer and
 * reusable by the devtools host. Only the request's own headers go out (no page cookies:
 * credentials 'omit'); a network failure becomes an entry with status 0 and the error, so the
 * chain still shows that the replay was tried.
 */
import type { HarEntry, HarHeader } from '../core/har';
import type { ReplayRequest } from '../core/replay';
import { replayEntry } from '../core/replay';

export async function fetchReplay(request: ReplayRequest, fetchImpl: typeof fetch = fetch): Promise<HarEntry> {
  const startedAt = Date.now();
  const started = performance.now();
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      credentials: 'omit',
      cache: 'no-store',
    });
    const text = await response.text();
    const headers: HarHeader[] = [];
    response.headers.forEach((value, name) => headers.push({ name, value }));
    return replayEntry(request, {
      status: response.status, statusText: response.statusText, headers, text, startedAt, time: performance.now() - started,
    });
  } catch (error) {
    return replayEntry(request, {
      status: 0, statusText: '', headers: [], text: '', startedAt, time: performance.now() - started,
      error: error instanceof Error ? error.message : 'the request failed',
    });
  }
}
