/**
 * The access tokens calls send, decoded once per analysis. Most were issued by a sign-in of the
 * same capture, which the linker already decoded at its response (flows.ts): a call sending one
 * gets that decoding, re-timed to when the call was sent, instead of a second decode. Others are
 * decoded on first sight and remembered, so the checks that read the same token (token-expired,
 * access-token-scope) decode it once.
 */
import type { Flow } from '../model';
import { LongKeyMap } from '../long-key-map';
import { decodeToken, tokenAt, type DecodedToken } from '../tokens';

export class SentTokens {
  private readonly known = new LongKeyMap<DecodedToken>();

  constructor(flows: readonly Flow[] = []) {
    for (const flow of flows) {
      for (const step of flow.steps) {
        const issued = step.tokens;
        if (!issued) continue;
        for (const token of [issued.access, issued.id]) if (token && this.known.get(token.raw) === undefined) this.known.set(token.raw, token);
      }
    }
  }

  /** Exactly `decodeToken(raw, sentAt)`. */
  decode(raw: string, sentAt: number): DecodedToken {
    let token = this.known.get(raw);
    if (token === undefined) {
      token = decodeToken(raw, sentAt);
      this.known.set(raw, token);
    }
    return tokenAt(token, sentAt);
  }
}

/** `decodeToken(raw, sentAt)`, through the analysis' SentTokens when there is one. */
export function decodeSent(tokens: SentTokens | undefined, raw: string, sentAt: number): DecodedToken {
  return tokens ? tokens.decode(raw, sentAt) : decodeToken(raw, sentAt);
}
