/**
 * Cognito-shaped tokens for synthetic captures: ID and access tokens are real JWT encodings
 * (RS256 header with a kid, base64url JSON claims as Cognito issues them, a random 256-byte
 * "signature"); the refresh token is a 5-part JWE like Cognito's, which nobody can decode.
 */
import { Buffer } from 'node:buffer';
import type { Rng } from './prng';

export interface TokenSubject {
  sub: string;
  /** cognito:username / username claim. */
  username: string;
  email: string;
  phone?: string;
  name?: string;
  groups?: string[];
}

export interface TokenContext {
  region: string;
  poolId: string;
  clientId: string;
  /** Epoch seconds. */
  authTime: number;
  /** Key ids the pool signs with (Cognito publishes two). */
  kids: readonly string[];
  deviceKey?: string;
}

export interface IssuedTokens {
  IdToken: string;
  AccessToken: string;
  RefreshToken: string;
}

function b64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function makeKid(rng: Rng): string {
  return rng.base64(32);
}

export function jwt(rng: Rng, kid: string, claims: Record<string, unknown>): string {
  return `${b64urlJson({ kid, alg: 'RS256' })}.${b64urlJson(claims)}.${rng.base64url(256)}`;
}

/** Cognito's refresh token: JWE compact serialization, RSA-OAEP + A256GCM, opaque. */
export function refreshJwe(rng: Rng): string {
  const header = b64urlJson({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' });
  return [header, rng.base64url(256), rng.base64url(12), rng.base64url(rng.int(920, 1000)), rng.base64url(16)].join('.');
}

export function issueTokens(rng: Rng, who: TokenSubject, ctx: TokenContext): IssuedTokens {
  const iss = `https://cognito-idp.${ctx.region}.amazonaws.com/${ctx.poolId}`;
  const iat = ctx.authTime;
  const originJti = rng.uuid();
  const eventId = rng.uuid();
  const groups = who.groups && who.groups.length > 0 ? { 'cognito:groups': who.groups } : {};

  const idClaims: Record<string, unknown> = {
    sub: who.sub,
    ...groups,
    email_verified: true,
    iss,
    'cognito:username': who.username,
    origin_jti: originJti,
    aud: ctx.clientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: ctx.authTime,
    ...(who.name ? { name: who.name } : {}),
    ...(who.phone ? { phone_number: who.phone, phone_number_verified: true } : {}),
    exp: iat + 3600,
    iat,
    jti: rng.uuid(),
    email: who.email,
  };
  const accessClaims: Record<string, unknown> = {
    sub: who.sub,
    ...groups,
    iss,
    ...(ctx.deviceKey ? { device_key: ctx.deviceKey } : {}),
    client_id: ctx.clientId,
    origin_jti: originJti,
    event_id: eventId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: ctx.authTime,
    exp: iat + 3600,
    iat,
    jti: rng.uuid(),
    username: who.username,
  };
  return {
    IdToken: jwt(rng, rng.pick(ctx.kids), idClaims),
    AccessToken: jwt(rng, rng.pick(ctx.kids), accessClaims),
    RefreshToken: refreshJwe(rng),
  };
}
