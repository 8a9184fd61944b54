/**
 * The identity-pool checks a capture can prove (identity-pools.md "Diagnostics from a capture
 * alone"). Severity and advice come from the IDENTITY_CHECKS table; this file only finds the
 * evidence and says what was seen.
 */
import type { Diagnostic, IdentityLogin } from '../model';
import type { IdentityStepContext } from '../links/after-sign-in';
import type { Finding } from '../diagnostics/types';
import { finding } from '../diagnostics/types';
import { isMasked } from '../redact/mask';
import { tokenClaims } from '../tokens';
import { IDENTITY_CHECKS, IDENTITY_ENDPOINT_HOST, IDENTITY_LIMITS, OPAQUE_LOGIN_PROVIDER, UNSIGNED_OPERATIONS, USER_POOL_LOGIN_KEY, type IdentityCheckCode } from './rules';

type Check = (ctx: IdentityStepContext) => Finding[];

function report(code: IdentityCheckCode, message: string, extra = '', severity = IDENTITY_CHECKS[code].severity): Finding {
  return finding(code, severity, message, extra ? `${extra} ${IDENTITY_CHECKS[code].hint}` : IDENTITY_CHECKS[code].hint);
}

const jwtLogins = (ctx: IdentityStepContext) => ctx.exchange.logins.filter((l): l is IdentityLogin & { token: { kind: 'jwt' } } => l.token.kind === 'jwt');

/** The Logins key must be the token's iss without its scheme; a user-pool key's region must be its pool id's. */
const providerMismatch: Check = (ctx) => {
  const out: Finding[] = [];
  for (const login of ctx.exchange.logins) {
    const key = USER_POOL_LOGIN_KEY.exec(login.provider);
    if (key && key[1] !== key[3]) {
      out.push(report('logins-provider-mismatch', `Logins key region ${key[1]} ≠ ${key[3]}, the region of pool ${key[2]}.`));
      continue;
    }
    if (login.token.kind !== 'jwt') continue;
    const iss = tokenClaims(login.token).iss;
    if (typeof iss !== 'string') continue;
    const expected = iss.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
    if (expected !== login.provider) {
      out.push(report('logins-provider-mismatch', `Logins key "${login.provider}" is not the token's issuer; it should be "${expected}".`));
    }
  }
  return out;
};

/** An access (or refresh) token where the ID token belongs. */
const notIdToken: Check = (ctx) => ctx.exchange.logins.flatMap((login) => {
  const use = login.token.kind === 'jwt' ? login.token.use : null;
  const as = login.issued?.as;
  if (use === 'access' || as === 'access') {
    return [report('logins-not-id-token', `Logins holds an access token${as === 'access' ? ` (of #${login.issued!.entry})` : ''}, not the ID token.`)];
  }
  if (as === 'refresh') return [report('logins-not-id-token', `Logins holds the refresh token of #${login.issued!.entry}, not the ID token.`)];
  return [];
});

/** The token had expired when it was sent (by the response's Date, else the entry's time). */
const tokenExpired: Check = (ctx) => {
  const now = Number.isFinite(ctx.respondedAt) ? ctx.respondedAt : ctx.step.call.startedAt;
  if (!Number.isFinite(now)) return [];
  return jwtLogins(ctx).flatMap((login) => {
    const exp = login.token.expiresAt;
    if (exp === null || exp > now) return [];
    const minutes = Math.max(1, Math.round((now - exp) / 60_000));
    // Accepted anyway: Cognito's clock or its skew allowance disagrees with the capture's clock.
    const accepted = ctx.step.call.status >= 200 && ctx.step.call.status < 300;
    return [report('logins-token-expired', `The Logins token had expired ${minutes} min before it was sent.`,
      accepted ? 'Cognito accepted it: the capture\'s clock may be off.' : '', accepted ? 'warning' : undefined)];
  });
};

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** The IdentityPoolId's region (its prefix) differs from the endpoint's. */
const regionMismatch: Check = (ctx) => {
  const pool = ctx.exchange.identityPoolId;
  // A malformed id has no region to compare (identity-format says so).
  if (pool === null || !IDENTITY_LIMITS.idPattern.test(pool)) return [];
  const host = hostOf(ctx.step.call.url);
  const endpoint = IDENTITY_ENDPOINT_HOST.exec(host);
  const region = pool.split(':')[0];
  if (!endpoint || !region || endpoint[1] === region) return [];
  return [report('identity-region-mismatch', `IdentityPoolId is in ${region}, the endpoint in ${endpoint[1]}.`)];
};

/** GetCredentialsForIdentity (or GetOpenIdToken) naming another identity than GetId returned for this token. */
const identityIdMismatch: Check = (ctx) => {
  const sent = ctx.exchange.identityIdSent;
  if (sent === null || ctx.idForToken === null || sent === ctx.idForToken || ctx.step.call.operation === 'GetId') return [];
  const upgrade = ctx.sentGuestId;
  return [report('identity-id-mismatch', `GetId returned ${ctx.idForToken} for this token, not ${sent}.`,
    upgrade ? 'A guest id: Amplify\'s upgrade.' : '', upgrade ? 'info' : undefined)];
};

/** No Logins right after a successful sign-in: a guest identity where the user expected a signed-in one. */
const guestAfterSignIn: Check = (ctx) => {
  if (!UNSIGNED_OPERATIONS.has(ctx.step.call.operation) || ctx.exchange.logins.length > 0 || ctx.exchange.loginsProblem !== null) return [];
  const signIn = ctx.recentSignIn;
  if (!signIn) return [];
  const sent = ctx.exchange.loginsSent ? 'empty Logins ({})' : 'no Logins';
  return [report('guest-after-sign-in', `Sent with ${sent} while ${signIn.id}${signIn.user ? ` (${signIn.user})` : ''} was signed in.`)];
};

function rolesOf(claim: unknown): string[] | null {
  // Real tokens carry a JSON array; the docs call it a comma-separated string: accept both [DG-rbac; JV].
  if (Array.isArray(claim)) return claim.filter((r): r is string => typeof r === 'string');
  if (typeof claim === 'string') return claim.split(',').map((r) => r.trim()).filter((r) => r !== '');
  return null;
}

/** CustomRoleArn not among the ID token's cognito:roles. */
const roleNotInToken: Check = (ctx) => {
  const role = ctx.exchange.customRoleArn;
  if (role === null) return [];
  return jwtLogins(ctx).flatMap((login) => {
    if (login.token.use !== 'id') return [];
    // Without the claim only rules-based mapping could grant the role: nothing to prove from the capture.
    const roles = rolesOf(tokenClaims(login.token)['cognito:roles']);
    if (roles === null) return [];
    return roles.includes(role) ? [] : [report('role-not-in-token', `CustomRoleArn is not among cognito:roles (${roles.join(', ') || 'none'}).`)];
  });
};

/** Bad input: fields that break the model's formats, values that are not what their provider takes. */
const formats: Check = (ctx) => {
  const out: Finding[] = [];
  const { exchange } = ctx;
  for (const [name, id] of [['IdentityPoolId', exchange.identityPoolId], ['IdentityId', exchange.identityIdSent]] as const) {
    // A value an export masked (strict pseudonymises IdentityId) is not the app's mistake.
    if (id !== null && !isMasked(id) && (!IDENTITY_LIMITS.idPattern.test(id) || id.length > IDENTITY_LIMITS.idMaxLength)) {
      out.push(report('identity-format', `${name} is not <region>:<guid>${/^[a-z0-9-]+_/.test(id) ? ' (a user pool id?)' : id.startsWith('arn:') ? ' (an ARN)' : ''}.`));
    }
  }
  if (exchange.loginsProblem !== null) out.push(report('identity-format', `${exchange.loginsProblem}.`));
  if (exchange.logins.length > IDENTITY_LIMITS.maxLogins) out.push(report('identity-format', `Logins has ${exchange.logins.length} entries (max ${IDENTITY_LIMITS.maxLogins}).`));
  for (const login of exchange.logins) {
    if (login.provider.length > IDENTITY_LIMITS.loginKeyMaxLength) out.push(report('identity-format', `A Logins key has ${login.provider.length} characters (max ${IDENTITY_LIMITS.loginKeyMaxLength}).`));
    if (login.token.kind === 'jwt' || isMasked(login.token.raw)) continue;
    if (login.fingerprint === '' || login.token.raw.trim() === '') {
      out.push(report('identity-format', `A Logins value is ${login.token.kind === 'malformed' ? login.token.reason : 'not a token'}.`));
    } else if (!OPAQUE_LOGIN_PROVIDER.test(login.provider)) {
      out.push(report('identity-format', `A Logins value is not a JWT (${login.token.reason}); this provider takes an ID token.`));
    }
  }
  const problem = exchange.credentials?.expirationProblem;
  if (problem) out.push(report('identity-format', `${problem}.`, '', 'info'));
  return out;
};

export const IDENTITY_STEP_CHECKS: readonly Check[] = [formats, providerMismatch, notIdToken, tokenExpired, regionMismatch, identityIdMismatch, guestAfterSignIn, roleNotInToken];

export function checkIdentity(contexts: readonly IdentityStepContext[]): Diagnostic[] {
  return contexts.flatMap((ctx) => IDENTITY_STEP_CHECKS.flatMap((check) => check(ctx))
    .map((f) => ({ entry: ctx.step.call.entry, flow: ctx.flow.id, ...f })));
}
