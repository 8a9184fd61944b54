/**
 * Identity-pool (federated identities) rules as data, beside the user-pool tables of ../rules.ts.
 * Source of every row: ../shared/reference/identity-pools.md ("Wire", "Formats and limits",
 * "The Logins map", "Diagnostics from a capture alone"), which cites botocore's cognito-identity
 * model [CI], the Developer Guide [DG-*], Amplify [A6] and the issue threads named per row.
 * UNVERIFIED facts there are hints here: severity warning or info, never error.
 */
import type { DiagnosticCode, Severity } from '../model';

/**
 * identity-pools.md "Wire": the unsigned operations a browser sends, all taking `Logins`. The rest
 * (GetOpenIdTokenForDeveloperIdentity, DescribeIdentity, ListIdentities, …) are SigV4-signed.
 */
export const UNSIGNED_OPERATIONS: ReadonlySet<string> = new Set(['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken', 'UnlinkIdentity']);

/** identity-pools.md "Formats and limits" [CI]. */
export const IDENTITY_LIMITS = {
  /** IdentityPoolId and IdentityId: `<region>:<guid>`. */
  idPattern: /^[\w-]+:[0-9a-f-]+$/,
  idMaxLength: 55,
  maxLogins: 10,
  loginKeyMaxLength: 128,
} as const;

/**
 * Logins keys whose value is not a JWT (identity-pools.md "The Logins map"): Facebook and Login with
 * Amazon take opaque access tokens, SAML providers a base64 SAML response. Every other provider
 * (user pools, Google, Apple, OIDC, developer tokens) takes a JWT.
 */
export const OPAQUE_LOGIN_PROVIDER = /^(?:graph\.facebook\.com|www\.amazon\.com|api\.twitter\.com|www\.digits\.com|arn:aws:iam::\d+:saml-provider\/.*)$/;

/** A user-pool Logins key: `cognito-idp.<region>.amazonaws.com/<userPoolId>` [CI; DG-up]. */
export const USER_POOL_LOGIN_KEY = /^cognito-idp(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(([a-z0-9-]+)_[A-Za-z0-9]+)$/;

/** The identity-pool endpoint: `cognito-identity[-fips].<region>.<dnsSuffix>` [CI-EP]. */
export const IDENTITY_ENDPOINT_HOST = /^cognito-identity(?:-fips)?\.([a-z0-9-]+)\.(?:amazonaws\.com(?:\.cn)?|api\.aws)$/i;

export type IdentityCheckCode = Extract<DiagnosticCode,
  | 'logins-provider-mismatch' | 'logins-not-id-token' | 'logins-token-expired' | 'identity-region-mismatch'
  | 'identity-id-mismatch' | 'guest-after-sign-in' | 'role-not-in-token' | 'identity-format'>;

export interface IdentityCheckRule {
  severity: Severity;
  /** What Cognito usually answers and what to do (terse: it ships in the panel's bundle). */
  hint: string;
}

/**
 * identity-pools.md "Diagnostics from a capture alone", one row per check; sources per row there:
 * provider key [DG-oidc; DG-up; cij#40, cij#153], access token [cij#7; JV], expiry [DG-oidc;
 * aws-sdk-ios#2570], region [aws-sdk-android-samples#151], identity id [A6; cij#378; sdk-v2#609],
 * guest [A6; amplify-js#1089], role [DG-rbac; error text UNVERIFIED], formats [CI; aws-sdk-net#445].
 */
export const IDENTITY_CHECKS: Readonly<Record<IdentityCheckCode, IdentityCheckRule>> = {
  'logins-provider-mismatch': {
    severity: 'error',
    hint: 'Use the token\'s iss without "https://" as the key, else "Issuer doesn\'t match providerName".',
  },
  'logins-not-id-token': {
    severity: 'error',
    hint: 'Identity pools take the ID token ("Missing a required claim: aud").',
  },
  'logins-token-expired': {
    severity: 'error',
    hint: 'Refresh the user-pool tokens first ("Token expired: X >= Y").',
  },
  'identity-region-mismatch': {
    severity: 'error',
    hint: 'A pool is only at its own region\'s endpoint ("IdentityPool \'…\' not found.").',
  },
  'identity-id-mismatch': {
    severity: 'warning',
    hint: 'A cached id: fine for a guest upgrade, "Logins don\'t match" for another user\'s.',
  },
  'guest-after-sign-in': {
    severity: 'warning',
    hint: 'Without Logins it is a guest with the unauthenticated role: pass the ID token.',
  },
  'role-not-in-token': {
    severity: 'warning',
    hint: 'CustomRoleArn must be one of cognito:roles, else access is denied (text UNVERIFIED).',
  },
  'identity-format': {
    severity: 'warning',
    hint: 'IdentityPoolId <region>:<guid>, Logins ≤ 10 provider → token, Expiration epoch seconds.',
  },
};
