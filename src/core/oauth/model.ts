/**
 * What the managed-login (OAuth 2.0 / OIDC) analysis produces: classified entries, flows linked
 * from authorize to tokens, and the evidence that made a host count as a Cognito user-pool domain.
 * Reference: shared/reference/managed-login-oauth2.md (sections cited as §n).
 */
import type { HarEntry } from '../har';
import type { Diagnostic, FlowTokens, JsonObject, Outcome } from '../model';
import type { Param } from './url';

/** The step kinds of a managed-login flow (`operation` in the JSON report). */
export type OAuthStepKind =
  | 'authorize'
  | 'redirect'
  | 'login'
  | 'idp-response'
  | 'callback'
  | 'token'
  | 'userInfo'
  | 'revoke'
  | 'logout'
  | 'error-page';

/** An OAuth error read from a callback query/fragment, an /error page URL, a token JSON body or WWW-Authenticate. */
export interface OAuthError {
  code: string;
  description: string | null;
  source: 'callback' | 'error-page' | 'token-body' | 'www-authenticate' | 'status';
}

export interface OAuthEntry {
  entry: number;
  kind: OAuthStepKind;
  url: string;
  method: string;
  status: number;
  /** Epoch ms; NaN when the HAR had no usable date. */
  startedAt: number;
  duration: number;
  /** `scheme://host[:port]` of the request. */
  origin: string;
  path: string;
  query: Param[];
  /** The request body's form parameters (token, revoke, login POST); empty otherwise. */
  form: Param[];
  /** The absolute redirect target (Location or HAR `redirectURL`), fragment included; null when none. */
  location: string | null;
  /** The response body's JSON object (token endpoint), null when none or unreadable. */
  responseJson: JsonObject | null;
  error: OAuthError | null;
  /** `Authorization: Bearer …` token sent (userInfo), null when none. */
  bearer: string | null;
  /** `Authorization: Basic` decoded to its client id (never the secret); null when none or undecodable. */
  basicClientId: string | null;
  /** True when an `Authorization: Basic` header was sent at all. */
  basicSent: boolean;
  har: HarEntry;
}

/**
 * How a step joined its flow: `location` (an earlier step redirected here), `state`, `code`,
 * `refresh-token`, `access-token` (the value it sends), `origin-jti` (a refresh whose refresh token
 * is not in the capture: the tokens it got back carry the `origin_jti` of this flow's tokens, for
 * the same client; §3 rule 20), `client` (only its client id or callback address matched), `order`
 * (its body was not captured or was redacted: the latest sign-in on the same domain still waiting
 * for its token exchange), `unlinked` (first step of its own flow).
 */
export type OAuthLink = 'start' | 'location' | 'state' | 'code' | 'refresh-token' | 'access-token' | 'origin-jti' | 'client' | 'order' | 'unlinked';

export interface OAuthStep {
  entry: OAuthEntry;
  link: OAuthLink;
  /** `origin-jti` links: the entry whose tokens first carried that origin_jti (shown as the link's reason). */
  linkedTo?: number;
}

export interface OAuthFlow {
  id: string;
  /**
   * `code` (authorization code), `token` (implicit), or the grant_type of a token request that starts a flow
   * (`refresh_token`, `client_credentials`: §2.4, a flow of its own); null when the authorize was not captured.
   */
  grant: string | null;
  clientId: string | null;
  /** redirect_uri of the authorize request (or of the first step that named one). */
  redirectUri: string | null;
  /** The user named by the ID token (`cognito:username`, else `email`, else `sub`); null before tokens. */
  user: string | null;
  outcome: Outcome;
  steps: OAuthStep[];
  tokens: FlowTokens;
  /** Fingerprints (src/core/fingerprint.ts) of every ID token this flow was issued, for identity-pool joins. */
  idTokenFingerprints: string[];
  startedAt: number;
  endedAt: number;
}

/** Why a host counts as a Cognito user-pool domain (§1 "Evidence that traffic is Cognito"). */
export interface DomainEvidence {
  origin: string;
  score: number;
  signals: string[];
}

export interface OAuthAnalysis {
  /** Entries recognised as managed-login traffic, in time order. */
  entries: OAuthEntry[];
  flows: OAuthFlow[];
  /** Managed-login entries that joined no flow (a userInfo or logout with nothing to link to). */
  standalone: OAuthEntry[];
  domains: DomainEvidence[];
  diagnostics: Diagnostic[];
}
