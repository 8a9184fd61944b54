/**
 * The rules the strict double enforces that cognito-local skips, as data and small functions
 * (test/support/strict-cognito.ts is the HTTP shell around them). Every string is the reference's
 * (shared/reference/cognito-protocol.md, "Common failures" and "Validity windows").
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A refusal in Cognito's wire form: HTTP 400, `__type` + `message`. */
export interface CognitoRefusal {
  type: string;
  message: string;
}

export const SESSION_SPENT: CognitoRefusal = { type: 'NotAuthorizedException', message: 'Invalid session for the user, session can only be used once.' };
export const SESSION_EXPIRED: CognitoRefusal = { type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' };
export const SESSION_INVALID: CognitoRefusal = { type: 'NotAuthorizedException', message: 'Invalid session for the user.' };

export const secretNotReceived = (clientId: string): CognitoRefusal =>
  ({ type: 'NotAuthorizedException', message: `Client ${clientId} is configured for secret but secret was not received` });
export const secretHashMismatch = (clientId: string): CognitoRefusal =>
  ({ type: 'NotAuthorizedException', message: `Unable to verify secret hash for client ${clientId}` });

/**
 * cognito-local's own errors where they differ from the real service's, rewritten per operation
 * and `__type` ('*' = any operation) into the type and wording Cognito uses. Anything not listed
 * passes as cognito-local said it.
 */
const ERROR_REWRITES: readonly { operation: string; type: string; to: CognitoRefusal }[] = [
  { operation: 'RespondToAuthChallenge', type: 'CodeMismatchException', to: { type: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' } },
  { operation: '*', type: 'ExpiredCodeException', to: { type: 'ExpiredCodeException', message: 'Invalid code provided, please request a code again.' } },
  { operation: '*', type: 'PasswordResetRequiredException', to: { type: 'PasswordResetRequiredException', message: 'Password reset required for the user' } },
  // A wrong password or an unknown user at sign-in: one answer, as with PreventUserExistenceErrors (new clients' default).
  { operation: 'InitiateAuth', type: 'InvalidPasswordException', to: { type: 'NotAuthorizedException', message: 'Incorrect username or password.' } },
  { operation: 'InitiateAuth', type: 'UserNotFoundException', to: { type: 'NotAuthorizedException', message: 'Incorrect username or password.' } },
];

export function realError(operation: string, error: CognitoRefusal): CognitoRefusal {
  const rule = ERROR_REWRITES.find((r) => r.type === error.type && (r.operation === '*' || r.operation === operation));
  return rule?.to ?? error;
}

/**
 * Whether a Session survives an answer Cognito rejected (a wrong MFA code): UNVERIFIED in the
 * reference ("Validity windows"), so the double takes either behaviour. `spent` (the default)
 * matches the threads where a retry after a rejection got "Invalid session for the user.";
 * `survives` matches clients that let the user type the code again.
 */
export type RejectedAnswerPolicy = 'spent' | 'survives';

interface SessionRecord {
  issuedAt: number;
  /** Why it can no longer be used, once it cannot. */
  spent: CognitoRefusal | null;
}

/** Sessions the double handed out: single use, limited life. */
export class SessionLedger {
  private readonly sessions = new Map<string, SessionRecord>();

  constructor(private readonly validityMs: number, private readonly rejected: RejectedAnswerPolicy, private readonly now: () => number) {}

  issued(session: string): void {
    this.sessions.set(session, { issuedAt: this.now(), spent: null });
  }

  /** Why a request carrying `session` must be refused, or null when it may go on. */
  check(session: string): CognitoRefusal | null {
    const record = this.sessions.get(session);
    if (!record) return SESSION_INVALID;
    if (record.spent) return record.spent;
    // AuthSessionValidity: 3..15 minutes, default 3 (reference, "Validity windows").
    if (this.now() - record.issuedAt > this.validityMs) return SESSION_EXPIRED;
    return null;
  }

  /** The service answered a request that carried `session`: success spends it; a rejection per the policy. */
  answered(session: string, succeeded: boolean): void {
    const record = this.sessions.get(session);
    if (!record || record.spent) return;
    if (succeeded) record.spent = SESSION_SPENT;
    else if (this.rejected === 'spent') record.spent = SESSION_INVALID;
  }
}

/** SECRET_HASH = Base64(HMAC_SHA256(client secret, USERNAME + ClientId)) (reference, "Formats"). */
export function expectedSecretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret).update(username + clientId).digest('base64');
}

/** Where an operation carries its user name and SECRET_HASH: the map inside the body. */
const SECRET_HASH_HOLDERS: Record<string, string> = {
  InitiateAuth: 'AuthParameters',
  RespondToAuthChallenge: 'ChallengeResponses',
};

/**
 * Checks SECRET_HASH for an app client that has a secret. REFRESH_TOKEN_AUTH hashes the internal
 * user name the request may not carry (amplify-android#3111), so it is checked only when USERNAME is sent.
 */
export function secretHashRefusal(operation: string, body: Record<string, unknown>, secrets: ReadonlyMap<string, string>): CognitoRefusal | null {
  const clientId = typeof body.ClientId === 'string' ? body.ClientId : '';
  const secret = secrets.get(clientId);
  const holder = SECRET_HASH_HOLDERS[operation];
  if (secret === undefined || holder === undefined) return null;
  const map = body[holder];
  const params = map && typeof map === 'object' && !Array.isArray(map) ? (map as Record<string, unknown>) : {};
  const username = typeof params.USERNAME === 'string' ? params.USERNAME : null;
  const given = params.SECRET_HASH;
  if (typeof given !== 'string' || given === '') return secretNotReceived(clientId);
  if (username === null) return null;
  const expected = Buffer.from(expectedSecretHash(secret, username, clientId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? null : secretHashMismatch(clientId);
}
