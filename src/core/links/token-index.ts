/**
 * Every token the capture's flows were issued, found again by its value: identity-pool Logins,
 * refreshes and calls made with a flow's access token join the flow that issued the token.
 * Keyed by the exact value (its fingerprint is what people see); any issuer can register, so tokens
 * from the hosted UI's /oauth2/token can join the same way once they are read.
 */
import type { Flow, FlowTokens } from '../model';

export type TokenUse = 'id' | 'access' | 'refresh';

export interface IssuedToken {
  flow: Flow;
  /** Entry whose response carried it. */
  entry: number;
  as: TokenUse;
  /** Epoch ms of the response (NaN when unknown). */
  issuedAt: number;
}

export class TokenIndex {
  private readonly byValue = new Map<string, IssuedToken>();
  /** origin_jti → the first flow whose tokens carried it (refreshed tokens keep it, managed-login-oauth2.md §2.3). */
  private readonly byOrigin = new Map<string, Flow>();

  register(value: string, issued: IssuedToken): void {
    const key = value.trim();
    // The first issue wins: a token is issued once; a later copy is a replay of the same response.
    if (key !== '' && !this.byValue.has(key)) this.byValue.set(key, issued);
  }

  registerOrigin(originJti: string, flow: Flow): void {
    if (!this.byOrigin.has(originJti)) this.byOrigin.set(originJti, flow);
  }

  /** Registers what a step's AuthenticationResult issued. */
  registerTokens(flow: Flow, tokens: FlowTokens, issuedAt: number): void {
    const entry = tokens.issuedBy ?? -1;
    for (const as of ['id', 'access', 'refresh'] as const) {
      const token = tokens[as];
      if (!token) continue;
      this.register(token.raw, { flow, entry, as, issuedAt });
      const origin = token.kind === 'jwt' ? token.claims.origin_jti : undefined;
      if (typeof origin === 'string') this.registerOrigin(origin, flow);
    }
  }

  find(value: string): IssuedToken | undefined {
    return this.byValue.get(value.trim());
  }

  findOrigin(originJti: string): Flow | undefined {
    return this.byOrigin.get(originJti);
  }
}
