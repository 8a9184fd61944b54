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
  private known: LongKeyMap<DecodedToken> | undefined;
  /** The flow whose steps are being judged: its own tokens are the ones its calls usually send. */
  private current: Flow | undefined;

  constructor(private readonly flows: readonly Flow[] = []) {}

  /** The calls judged next belong to `flow` (a hint: any token of any flow is still found). */
  within(flow: Flow | undefined): void {
    this.current = flow;
  }

  /** Exactly `decodeToken(raw, sentAt)`. */
  decode(raw: string, sentAt: number): DecodedToken {
    const tokens = this.current?.tokens;
    if (tokens?.access?.raw === raw) return tokenAt(tokens.access, sentAt);
    const known = this.index();
    let token = known.get(raw);
    if (token === undefined) {
      token = decodeToken(raw, sentAt);
      known.set(raw, token);
    }
    return tokenAt(token, sentAt);
  }

  /** Every token the flows were issued, by value; built the first time a hint does not do. */
  private index(): LongKeyMap<DecodedToken> {
    if (this.known) return this.known;
    const known = new LongKeyMap<DecodedToken>();
    for (const flow of this.flows) {
      for (const step of flow.steps) {
        const issued = step.tokens;
        if (!issued) continue;
        for (const token of [issued.access, issued.id]) if (token && known.get(token.raw) === undefined) known.set(token.raw, token);
      }
    }
    this.known = known;
    return known;
  }
}

/** `decodeToken(raw, sentAt)`, through the analysis' SentTokens when there is one. */
export function decodeSent(tokens: SentTokens | undefined, raw: string, sentAt: number): DecodedToken {
  return tokens ? tokens.decode(raw, sentAt) : decodeToken(raw, sentAt);
}
