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
  /** The managed-login double (absent: the managed-login buttons say so). */
  managedLogin?: ManagedLoginConfig;
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

/**
 * Managed login (hosted UI) on loopback: test/support/oauth-provider.ts, an OpenID provider dressed
 * as a Cognito user-pool domain, over HTTPS with a self-signed certificate.
 */
export interface ManagedLoginConfig {
  /** `127.0.0.1:<port>`, as Amplify's `oauth.domain` takes it (no scheme: Amplify adds https://). */
  domain: string;
  /** The pool the double's tokens name (`iss`); Amplify wants one configured. */
  userPoolId: string;
  clientId: string;
  /** The path of the app's callback page, registered with the double as `<demo origin><path>`. */
  callbackPath: string;
  /** The user to type into the sign-in page. */
  user: DemoUser;
}

export async function loadConfig(): Promise<DemoConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  return (await response.json()) as DemoConfig;
}
