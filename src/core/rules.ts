/**
 * The protocol rules as data: which ChallengeResponses keys each challenge needs and which
 * AuthParameters each AuthFlow needs. Source: ../shared/reference/cognito-protocol.md
 * ("AuthFlow → AuthParameters", "Challenges"), itself from botocore's service-2.json [S2]
 * and Amplify [CU]/[A6]. Code reads these tables; it does not hard-code key names.
 */

export interface ChallengeRule {
  /** ChallengeResponses keys always required beyond USERNAME. */
  required: readonly string[];
  /** The ChallengeParameters Cognito sends with this challenge (for display and docs). */
  parameters: readonly string[];
  /** SELECT_CHALLENGE: extra keys required for a given ANSWER. */
  keysByAnswer?: Readonly<Record<string, readonly string[]>>;
  /** SELECT_MFA_TYPE: ANSWER must be one of the JSON list in this ChallengeParameter. */
  answerListedIn?: string;
  /** NEW_PASSWORD_REQUIRED: a ChallengeParameter holding a JSON list of further required keys. */
  keysListedIn?: string;
  /** The challenge proves a remembered device, so DEVICE_KEY is in play. */
  device?: boolean;
  /** The challenge is answered with SECRET_BLOCK echoed back; Cognito often sends no Session. */
  handoffBySecretBlock?: boolean;
  /**
   * The answer is SRP math over the user's internal name, so USERNAME must be USER_ID_FOR_SRP (the
   * reference scopes that rule to the SRP challenges; other challenges accept an alias, as AWS's CLI
   * example answering NEW_PASSWORD_REQUIRED with the e-mail alias shows [CLI-AIA]).
   */
  srp?: boolean;
  /** Shown in the UI: what is special or unverified about this row. */
  note?: string;
}

export const USERNAME = 'USERNAME';

export const CHALLENGES: Readonly<Record<string, ChallengeRule>> = {
  PASSWORD_VERIFIER: {
    required: ['PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP'],
    parameters: ['SRP_B', 'SALT', 'SECRET_BLOCK', 'USER_ID_FOR_SRP', 'USERNAME'],
    handoffBySecretBlock: true,
    srp: true,
    note: 'USERNAME must equal USER_ID_FOR_SRP; the signature binds TIMESTAMP and SECRET_BLOCK.',
  },
  DEVICE_SRP_AUTH: { required: ['DEVICE_KEY', 'SRP_A'], parameters: [], device: true },
  DEVICE_PASSWORD_VERIFIER: {
    required: ['PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP', 'DEVICE_KEY'],
    parameters: ['SRP_B', 'SALT', 'SECRET_BLOCK', 'USERNAME'],
    device: true,
    handoffBySecretBlock: true,
    srp: true,
  },
  SMS_MFA: { required: ['SMS_MFA_CODE'], parameters: ['CODE_DELIVERY_DELIVERY_MEDIUM', 'CODE_DELIVERY_DESTINATION'] },
  SMS_OTP: { required: ['SMS_OTP_CODE'], parameters: ['CODE_DELIVERY_DELIVERY_MEDIUM', 'CODE_DELIVERY_DESTINATION'] },
  EMAIL_OTP: {
    required: ['EMAIL_OTP_CODE'],
    parameters: ['CODE_DELIVERY_DELIVERY_MEDIUM', 'CODE_DELIVERY_DESTINATION'],
    note: 'Also used for email MFA (Amplify v6); some AWS prose says EMAIL_MFA, which the API enum lacks.',
  },
  SOFTWARE_TOKEN_MFA: {
    required: ['SOFTWARE_TOKEN_MFA_CODE'],
    parameters: [],
    note: 'Its ChallengeParameters are not documented (UNVERIFIED).',
  },
  // "ANSWER ∈ MFAS_CAN_CHOOSE" (cognito-protocol.md, "Challenges").
  SELECT_MFA_TYPE: { required: ['ANSWER'], parameters: ['MFAS_CAN_CHOOSE'], answerListedIn: 'MFAS_CAN_CHOOSE' },
  MFA_SETUP: {
    required: [],
    parameters: ['MFAS_CAN_SETUP'],
    note: 'The Session must be the one returned by VerifySoftwareToken; email setup also sends EMAIL.',
  },
  NEW_PASSWORD_REQUIRED: {
    required: ['NEW_PASSWORD'],
    parameters: ['userAttributes', 'requiredAttributes'],
    keysListedIn: 'requiredAttributes',
  },
  CUSTOM_CHALLENGE: { required: ['ANSWER'], parameters: ['USERNAME'], note: 'Other parameters come from the CreateAuthChallenge Lambda.' },
  SELECT_CHALLENGE: {
    required: ['ANSWER'],
    parameters: [],
    keysByAnswer: { PASSWORD: ['PASSWORD'], PASSWORD_SRP: ['SRP_A'], WEB_AUTHN: ['CREDENTIAL'], SMS_OTP: [], EMAIL_OTP: [] },
    note: 'The choices are in the top-level AvailableChallenges.',
  },
  WEB_AUTHN: { required: ['CREDENTIAL'], parameters: ['CREDENTIAL_REQUEST_OPTIONS'] },
  PASSWORD: { required: ['PASSWORD'], parameters: [] },
  PASSWORD_SRP: { required: ['SRP_A'], parameters: [], note: 'The next challenge is PASSWORD_VERIFIER.' },
  ADMIN_NO_SRP_AUTH: { required: ['PASSWORD'], parameters: [], note: 'Admin API only; whether Cognito ever issues it is UNVERIFIED.' },
};

/**
 * What each key of a challenge answer is and where its value comes from, shown where the key is
 * missing. Said for people: what the key holds, not that the challenge "is answered with" it.
 * A challenge-specific wording (ANSWER means something else in each challenge) comes first.
 */
export const KEY_MEANINGS: Readonly<Record<string, string>> = {
  USERNAME: 'the user this answer is for: the USERNAME the sign-in started with, or USER_ID_FOR_SRP once Cognito names it in ChallengeParameters',
  PASSWORD: 'the user\'s password, as typed',
  NEW_PASSWORD: 'the user\'s new password, chosen by the user; Cognito asked for it because the temporary password must be replaced',
  REFRESH_TOKEN: 'the RefreshToken of an earlier sign-in\'s AuthenticationResult, stored by the client',
  SRP_A: 'the client\'s SRP public value (hex), computed by the client from a fresh random number',
  PASSWORD_CLAIM_SECRET_BLOCK: 'SECRET_BLOCK from the PASSWORD_VERIFIER challenge\'s ChallengeParameters, echoed back unchanged',
  PASSWORD_CLAIM_SIGNATURE: 'the SRP proof of the password, computed by the client from SRP_B, SALT, SECRET_BLOCK and TIMESTAMP',
  TIMESTAMP: 'the current UTC time written like `Wed Apr 5 22:42:34 UTC 2017`; the signature covers it',
  DEVICE_KEY: 'the remembered device\'s key: NewDeviceMetadata.DeviceKey from an earlier sign-in on this device, stored by the client (Amplify keeps it in local storage)',
  SMS_MFA_CODE: 'the code Cognito just sent to the user\'s phone by SMS',
  SMS_OTP_CODE: 'the one-time code Cognito just sent to the user\'s phone by SMS',
  EMAIL_OTP_CODE: 'the one-time code Cognito just sent to the user\'s e-mail',
  SOFTWARE_TOKEN_MFA_CODE: 'the 6-digit code the user\'s authenticator app shows now',
  CREDENTIAL: 'the passkey\'s answer: what navigator.credentials.get() returned for CREDENTIAL_REQUEST_OPTIONS, as JSON',
  'SELECT_MFA_TYPE/ANSWER': 'the MFA type the user picks, one of MFAS_CAN_CHOOSE',
  'SELECT_CHALLENGE/ANSWER': 'the sign-in method the user picks, one of the response\'s AvailableChallenges',
  'CUSTOM_CHALLENGE/ANSWER': 'the user\'s answer to the custom challenge, checked by the VerifyAuthChallengeResponse Lambda',
};

/** What `key` holds in the answer to `challenge` (or in AuthParameters when `challenge` is null). */
export function keyMeaning(key: string, challenge: string | null): string | undefined {
  return (challenge !== null ? ownEntry(KEY_MEANINGS, `${challenge}/${key}`) : undefined) ?? ownEntry(KEY_MEANINGS, key);
}

/**
 * The request keys that prove the password, and how: PASSWORD is sent as typed, SRP proves it
 * without sending it (SRP_A starts the exchange, PASSWORD_CLAIM_SIGNATURE is the proof). A step
 * Cognito accepted that carried a proof means the password is right.
 */
export const PASSWORD_PROOF_KEYS: Readonly<Record<string, { proof: 'srp' | 'plain'; proves: boolean }>> = {
  PASSWORD: { proof: 'plain', proves: true },
  SRP_A: { proof: 'srp', proves: false },
  PASSWORD_CLAIM_SIGNATURE: { proof: 'srp', proves: true },
};

/**
 * Keys every challenge needs under a condition of the flow, with the reason shown to the user.
 * [S2; A6]: SECRET_HASH when the app client has a secret, DEVICE_KEY when a remembered device is used.
 */
export interface ConditionalKey {
  key: string;
  when: 'client-has-secret' | 'device-in-play';
  why: string;
}

export const CONDITIONAL_KEYS: readonly ConditionalKey[] = [
  { key: 'SECRET_HASH', when: 'client-has-secret',
    why: 'the app client has a secret (an earlier request of this sign-in sent SECRET_HASH), so every challenge answer needs SECRET_HASH too: Base64(HMAC_SHA256(client secret, USERNAME + ClientId))' },
  { key: 'DEVICE_KEY', when: 'device-in-play',
    why: 'a remembered device is in use (DEVICE_KEY was sent earlier or a DEVICE_* challenge ran), so every challenge answer carries its key: NewDeviceMetadata.DeviceKey from an earlier sign-in on this device, stored by the client' },
];

export interface AuthFlowRule {
  required: readonly string[];
  /** Extra AuthParameters required when another AuthParameter has a given value. */
  keysByParameter?: { parameter: string; values: Readonly<Record<string, readonly string[]>> };
  /** Only valid on this operation. */
  operation?: 'InitiateAuth' | 'AdminInitiateAuth';
}

export const AUTH_FLOWS: Readonly<Record<string, AuthFlowRule>> = {
  USER_SRP_AUTH: { required: ['USERNAME', 'SRP_A'] },
  USER_PASSWORD_AUTH: { required: ['USERNAME', 'PASSWORD'], operation: 'InitiateAuth' },
  ADMIN_USER_PASSWORD_AUTH: { required: ['USERNAME', 'PASSWORD'], operation: 'AdminInitiateAuth' },
  ADMIN_NO_SRP_AUTH: { required: ['USERNAME', 'PASSWORD'], operation: 'AdminInitiateAuth' },
  REFRESH_TOKEN_AUTH: { required: ['REFRESH_TOKEN'] },
  REFRESH_TOKEN: { required: ['REFRESH_TOKEN'] },
  // CUSTOM_AUTH may start with SRP: CHALLENGE_NAME "SRP_A" plus SRP_A [CU], [A6].
  CUSTOM_AUTH: { required: ['USERNAME'], keysByParameter: { parameter: 'CHALLENGE_NAME', values: { SRP_A: ['SRP_A'] } } },
  USER_AUTH: {
    required: ['USERNAME'],
    keysByParameter: { parameter: 'PREFERRED_CHALLENGE', values: { PASSWORD: ['PASSWORD'], PASSWORD_SRP: ['SRP_A'] } },
  },
};

/**
 * Table lookups by names that come from captured traffic. Only own keys count: a ChallengeName of
 * "constructor" or "__proto__" must not find Object.prototype's members.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>> | undefined, name: string | null | undefined): T | undefined {
  return table && typeof name === 'string' && Object.hasOwn(table, name) ? table[name] : undefined;
}

export function challengeRule(name: string | null | undefined): ChallengeRule | undefined {
  return ownEntry(CHALLENGES, name);
}

export function authFlowRule(name: string | null | undefined): AuthFlowRule | undefined {
  return ownEntry(AUTH_FLOWS, name);
}

/** Operations that answer a challenge: their request carries ChallengeName and ChallengeResponses. */
export const ANSWER_OPERATIONS: ReadonlySet<string> = new Set(['RespondToAuthChallenge', 'AdminRespondToAuthChallenge']);

/** Operations that begin a sign-in (their Session, if any, is optional). */
export const START_OPERATIONS: ReadonlySet<string> = new Set(['InitiateAuth', 'AdminInitiateAuth', 'SignUp', 'GetTokensFromRefreshToken']);

/** Operations that continue a sign-in by handing back a Session (or, for TOTP setup, an access token). */
export const CONTINUE_OPERATIONS: ReadonlySet<string> = new Set([
  'RespondToAuthChallenge', 'AdminRespondToAuthChallenge', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'ConfirmSignUp',
]);
