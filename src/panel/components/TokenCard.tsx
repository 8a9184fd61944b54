import { tokenClaims, type DecodedToken } from '../../core/tokens';
import { allClaims, keyClaims, tokenSummary } from '../../core/view/token-view';
import { SecretValue } from './SecretValue';

/** One decoded token: key claims first, then every claim and the header; the raw token masked. */
export function TokenCard({ kind, token }: { kind: 'id' | 'access' | 'refresh'; token: DecodedToken | null }) {
  const title = kind === 'id' ? 'ID token' : kind === 'access' ? 'Access token' : 'Refresh token';
  return (
    <section class={`token-card token-${token?.kind ?? 'none'}`} data-token={kind} data-token-kind={token?.kind ?? 'none'}>
      <h3>{title} <span class="muted">{tokenSummary(token)}</span></h3>
      {token?.kind === 'jwt' && (
        <>
          <table class="kv claims key-claims">
            <tbody>
              {keyClaims(token).map((row) => (
                <tr key={row.label} data-claim={row.label} class={row.tone === 'expired' ? 'expired' : undefined}>
                  <th scope="row">{row.label}</th>
                  <td class="mono clip" title={row.value}>{row.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {([['All claims', tokenClaims(token), ' all-claims'], ['Header', token.header, '']] as const).map(([summary, claims, extra]) => (
            <details key={summary}>
              <summary>{summary}</summary>
              <table class={`kv claims${extra}`}>
                <tbody>
                  {allClaims(claims).map((row) => (
                    <tr key={row.name}><th scope="row" title={row.name}>{row.name}</th><td class="mono clip" title={row.value}>{row.value}</td></tr>
                  ))}
                </tbody>
              </table>
            </details>
          ))}
        </>
      )}
      {token?.kind === 'encrypted' && <p class="muted">Encrypted (JWE): only Cognito can read it. Header: {token.header ? JSON.stringify(token.header) : 'unreadable'}</p>}
      {token?.kind === 'malformed' && <p class="notice flagged" data-token-problem="">⚑ Cannot be decoded: {token.reason}</p>}
      {token && <p class="raw-token">Raw: <SecretValue value={token.raw} secret name={`raw ${title}`} /></p>}
    </section>
  );
}
