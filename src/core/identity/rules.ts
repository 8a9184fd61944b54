/**
 * Identity-pool (federated identities) rules as data, beside the user-pool tables of ../rules.ts.
 * Source of every row: ../shared/reference/identity-pools.md ("Wire", "Formats and limits",
 * "The Logins map", "Diagnostics from a capture alone"), which cites botocore's cognito-identity
 * model [CI], the Developer Guide [DG-*], Amplify [A6] and the issue threads named per row.
 * UNVERIFIED facts there are hints here: severity warning or info, never error.
 */
import type { DiagnosticCode, Severity } from '../model';
import { ownEntry } from '../rules';

export interface IdentityOperationRule {
  /** SigV4-signed with developer credentials (model `authtype` is not `none`). */
  signed: boolean;
  /** The request may carry `Logins` (provider key → token). */
  takesLogins: boolean;
}

/**
 * identity-pools.md "Wire": GetId, GetCredentialsForIdentity, GetOpenIdToken and UnlinkIdentity are
 * unsigned; the rest are signed calls a browser page should not make.
 */
export const IDENTITY_OPERATIONS: Readonly<Record<string, IdentityOperationRule>> = {
  GetId: { signed: false, takesLogins: true },
  GetCredentialsForIdentity: { signed: false, takesLogins: true },
  GetOpenIdToken: { signed: false, takesLogins: true },
  UnlinkIdentity: { signed: false, takesLogins: true },
  GetOpenIdTokenForDeveloperIdentity: { signed: true, takesLogins: true },
  LookupDeveloperIdentity: { signed: true, takesLogins: false },
  MergeDeveloperIdentities: { signed: true, takesLogins: false },
  UnlinkDeveloperIdentity: { signed: true, takesLogins: false },
  DescribeIdentity: { signed: true, takesLogins: false },
  DescribeIdentityPool: { signed: true, takesLogins: false },
  ListIdentities: { signed: true, takesLogins: false },
  ListIdentityPools: { signed: true, takesLogins: false },
};

export function identityOperationRule(operation: string): IdentityOperationRule | undefined {
  return ownEntry(IDENTITY_OPERATIONS, operation);
}

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
export const OPAQUE_LOGIN_PROVIDERS: readonly RegExp[] = [
  /^graph\.facebook\.com$/, /^www\.amazon\.com$/, /^api\.twitter\.com$/, /^www\.digits\.com$/, /^arn:aws:iam::\d+:saml-provider\//,
];

/** A user-pool Logins key: `cognito-idp.<region>.amazonaws.com/<userPoolId>` [CI; DG-up]. */
export const USER_POOL_LOGIN_KEY = /^cognito-idp(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(([a-z0-9-]+)_[A-Za-z0-9]+)$/;

/** The identity-pool endpoint: `cognito-identity[-fips].<region>.<dnsSuffix>` [CI-EP]. */
export const IDENTITY_ENDPOINT_HOST = /^cognito-identity(?:-fips)?\.([a-z0-9-]+)\.(?:amazonaws\.com(?:\.cn)?|api\.aws)$/i;

export type IdentityCheckCode = Extract<DiagnosticCode,
  | 'logins-provider-mismatch' | 'logins-not-id-token' | 'logins-token-expired' | 'identity-region-mismatch'
  | 'identity-id-mismatch' | 'guest-after-sign-in' | 'role-not-in-token' | 'identity-format'>;

export interface IdentityCheckRule {
  severity: Severity;
  /** What Cognito usually answers and what to do. */
  hint: string;
  /** The reference row it comes from. */
  source: string;
}

/** identity-pools.md "Diagnostics from a capture alone": the checks a capture can prove. */
export const IDENTITY_CHECKS: Readonly<Record<IdentityCheckCode, IdentityCheckRule>> = {
  'logins-provider-mismatch': {
    severity: 'error',
    hint: 'The Logins key must be the token\'s iss without "https://": cognito-idp.<region>.amazonaws.com/<userPoolId>, with the region of the pool id. Cognito answers "Invalid login token. Issuer doesn\'t match providerName" or "Token is not from a supported provider of this identity pool." Build the key from the token\'s iss (Amplify v6 does) instead of config strings.',
    source: 'identity-pools.md "The Logins map", [DG-oidc], [DG-up]; cij#40, cij#153',
  },
  'logins-not-id-token': {
    severity: 'error',
    hint: 'Identity pools take the user pool\'s ID token (token_use "id", with aud). An access token has no aud: Cognito answers "Invalid login token. Missing a required claim: aud". Send getIdToken(), not getAccessToken().',
    source: 'identity-pools.md "The Logins map"; cij#7, [JV]',
  },
  'logins-token-expired': {
    severity: 'error',
    hint: 'Cognito answers "Invalid login token. Token expired: X >= Y". Refresh the user-pool tokens before asking for credentials (the AWS SDK\'s CognitoIdentityCredentials never refreshes the token in Logins; the app must).',
    source: 'identity-pools.md "Diagnostics from a capture alone", [DG-oidc]; aws-sdk-ios#2570',
  },
  'identity-region-mismatch': {
    severity: 'error',
    hint: 'An identity pool lives in the region its id starts with; sent to another region\'s endpoint it is "IdentityPool \'…\' not found." Use the endpoint cognito-identity.<pool region>.amazonaws.com.',
    source: 'identity-pools.md "Diagnostics from a capture alone"; aws-sdk-android-samples#151',
  },
  'identity-id-mismatch': {
    severity: 'warning',
    hint: 'A cached IdentityId: normal after a guest → signed-in upgrade in Amplify (the stored guest id is sent with the new Logins), but another user\'s id gives "Logins don\'t match". Clear the cached id when the user changes.',
    source: 'identity-pools.md "What the client libraries send" [A6]; cij#378, sdk-v2#609',
  },
  'guest-after-sign-in': {
    severity: 'warning',
    hint: 'Without Logins the identity pool hands out a guest identity and the unauthenticated role (or "Unauthenticated access is not supported for this identity pool."). Pass the ID token in Logins: the user expected signed-in credentials.',
    source: 'identity-pools.md "Diagnostics from a capture alone" [A6]; amplify-js#1089',
  },
  'role-not-in-token': {
    severity: 'warning',
    hint: 'With token-based role mapping a CustomRoleArn must be one of the ID token\'s cognito:roles (the user\'s groups\' roles), or access is denied (the exact error text is UNVERIFIED). Ask for a role of one of the user\'s groups, or leave CustomRoleArn out.',
    source: 'identity-pools.md "Diagnostics from a capture alone", [DG-rbac]',
  },
  'identity-format': {
    severity: 'warning',
    hint: 'Identity-pool fields have fixed formats: IdentityPoolId <region>:<guid> (≤ 55 chars, not a user pool id or an ARN), Logins an object of ≤ 10 provider → token entries, Credentials.Expiration epoch seconds as a JSON number. Cognito answers a bad request with ValidationException.',
    source: 'identity-pools.md "Formats and limits" [CI]; aws-sdk-net#445, aws-sdk-android-samples#21',
  },
};
