/**
 * A token some flow of the capture was issued, as after-sign-in.ts indexes them by their exact
 * value (trimmed; its fingerprint is what people see) and by origin_jti: identity-pool Logins,
 * refreshes and calls made with a flow's access token join the flow that issued the token.
 */
import type { Flow } from '../model';

export type TokenUse = 'id' | 'access' | 'refresh';

export interface IssuedToken {
  flow: Flow;
  /** Entry whose response carried it. */
  entry: number;
  as: TokenUse;
  /** Epoch ms of the response (NaN when unknown). */
  issuedAt: number;
}
