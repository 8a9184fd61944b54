/**
 * The Tokens tab: the claims people check first (who, groups, scopes, client, when issued, when it
 * expires, auth_time), then everything. Times are relative to the capture, not to now: a HAR
 * opened a week later must still say "expires in 59 min" for a token that was fresh then.
 */
import { tokenClaims, type DecodedToken } from '../tokens';
import { formatDate, formatRelative } from './format';

export interface ClaimRow {
  label: string;
  value: string;
  /** "expired" when the token had expired at capture time. */
  tone?: 'expired' | 'ok';
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  return JSON.stringify(value) ?? null;
}

/** Key claims of an ID or access token, in reading order; only those present. */
export function keyClaims(token: DecodedToken): ClaimRow[] {
  if (token.kind !== 'jwt') return [];
  const c = tokenClaims(token);
  const rows: ClaimRow[] = [];
  const add = (label: string, value: unknown) => {
    const shown = text(value);
    if (shown !== null && shown !== '') rows.push({ label, value: shown });
  };
  add('user', c['cognito:username'] ?? c['username']);
  add('email', c['email']);
  add('sub', c['sub']);
  add('groups', c['cognito:groups']);
  add('scopes', c['scope']);
  // ID tokens name the client in aud, access tokens in client_id.
  add('client', c['client_id'] ?? c['aud']);
  add('token_use', c['token_use']);
  if (token.issuedAt !== null) rows.push({ label: 'issued', value: formatDate(token.issuedAt) });
  if (token.expiresAt !== null) {
    const inMs = token.expiresInMs;
    rows.push({
      label: inMs !== null && inMs <= 0 ? 'expired' : 'expires',
      value: inMs === null ? formatDate(token.expiresAt) : `${formatRelative(inMs)} (${formatDate(token.expiresAt)})`,
      tone: inMs !== null && inMs <= 0 ? 'expired' : 'ok',
    });
  }
  if (token.authTime !== null) rows.push({ label: 'auth_time', value: formatDate(token.authTime) });
  return rows;
}

/** Every claim as text (non-strings as JSON), in the token's order. */
export function allClaims(claims: Record<string, unknown>): { name: string; value: string }[] {
  return Object.entries(claims).map(([name, value]) => ({ name, value: typeof value === 'string' ? value : JSON.stringify(value) ?? String(value) }));
}

/** One line saying what kind of token this is, for the card's heading. */
export function tokenSummary(token: DecodedToken | null): string {
  if (token === null) return 'not issued';
  if (token.kind === 'jwt') return `JWT${token.use ? ` (token_use ${token.use})` : ''}`;
  return token.reason;
}
