/** A scenario of the catalogue as the viewer tests load it. */
import type { Har } from '../../../src/core/har';
import { scenarios } from '../../fixtures/scenarios';

/**
 * A copy of scenario `name`'s HAR; with `replayTo`, every call points at `<replayTo>/cognito`, so a
 * replay from the viewer reaches the test server that stands in for Cognito.
 */
export function scenarioHar(name: string, replayTo?: string): Har {
  const found = scenarios.find((s) => s.name === name);
  if (!found) throw new Error(`no scenario ${name}`);
  const har = structuredClone(found.har) as Har;
  if (replayTo !== undefined) for (const entry of har.log.entries) entry.request.url = `${replayTo}/cognito`;
  return har;
}
