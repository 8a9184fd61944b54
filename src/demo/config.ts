/**
 * What the demo server tells the page at `/config.json`: where cognito-local listens and which
 * seeded users to sign in as. The shape is shared with scripts/demo/server.ts.
 */
export interface DemoUser {
  username: string;
  password: string;
}

export interface DemoConfig {
  endpoint: string;
  userPoolId: string;
  clientId: string;
  /** The identity-pool service on loopback (absent: the demo has no "Get AWS credentials"). */
  identityPool?: { id: string; endpoint: string };
  users: {
    /** Permanent password, no MFA: one InitiateAuth answered with tokens. */
    plain: DemoUser;
    /** FORCE_CHANGE_PASSWORD: InitiateAuth answers NEW_PASSWORD_REQUIRED. */
    newPassword: DemoUser & { newPassword: string };
    /** Verified authenticator app: InitiateAuth answers SOFTWARE_TOKEN_MFA. */
    totp: DemoUser & { totpSecret: string };
    /** FORCE_CHANGE_PASSWORD, used only by the broken call (which never completes it). */
    broken: DemoUser;
    /**
     * Signs in with Amplify's default flow, USER_SRP_AUTH, answered by the SRP stand-in behind the
     * strict double (cognito-local has no SRP). Its own user, so its flow is the only one under its name.
     */
    srp: DemoUser;
  };
}

export async function loadConfig(): Promise<DemoConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  return (await response.json()) as DemoConfig;
}
