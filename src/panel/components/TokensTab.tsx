import type { FlowTokens } from '../../core/model';
import { TokenCard } from './TokenCard';

/** ID and access tokens side by side, the refresh token below (encrypted). */
export function TokensTab({ tokens, fromFlow }: { tokens: FlowTokens | null; fromFlow: boolean }) {
  if (!tokens || (!tokens.id && !tokens.access && !tokens.refresh)) {
    return <div class="tab-body" data-tab-body="tokens"><p class="muted">No tokens were issued in this flow (yet).</p></div>;
  }
  return (
    <div class="tab-body" data-tab-body="tokens">
      {fromFlow && <p class="muted">This step issued no tokens; these are the latest tokens of its flow.</p>}
      <div class="token-pair">
        <TokenCard kind="id" token={tokens.id} />
        <TokenCard kind="access" token={tokens.access} />
      </div>
      {tokens.refresh && <TokenCard kind="refresh" token={tokens.refresh} />}
    </div>
  );
}
