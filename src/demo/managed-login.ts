/**
 * Managed login (the hosted UI) with Amplify v6's own `signInWithRedirect`, against the loopback
 * double (test/support/oauth-provider.ts) as the user-pool domain: the page is sent to
 * `https://<domain>/oauth2/authorize` with PKCE and state, the person signs in on its /login page,
 * Cognito redirects to the app's callback, and Amplify — configured again when the callback page
 * loads — POSTs the code with the verifier to `/oauth2/token` (managed-login-oauth2.md §2.1).
 *
 * Two buttons, one deliberate bug:
 * - good: the sign-in page and the callback page configure Amplify with the same redirect URL;
 * - broken: the callback page is configured with the redirect URL plus a trailing slash (as when the
 *   callback route reads another environment's setting). Amplify takes the token request's
 *   redirect_uri from the configuration of the page it completes on, so it sends `<callback>/` where
 *   the authorize request sent `<callback>`, and Cognito refuses the code with `unauthorized_client`
 *   (§3 rule 2, §4.3).
 * Which button started the attempt survives the redirects in sessionStorage.
 *
 * One concession to DevTools: Amplify strips `?code&state` with `history.replaceState` a moment after
 * the token response arrives, and Chrome's DevTools then no longer hands over that response's body
 * (getContent answers nothing, also through a fresh getHAR(); seen in 6 of 7 runs, never in 3 runs
 * without the replaceState). The panel would show the sign-in without its tokens. So the callback page
 * lets Amplify's clean-up happen a second later (`deferUrlCleanUp`); an app that does not will see
 * "body not captured" on its token step in Chrome (README, known Chrome limitation).
 */
import { Amplify } from 'aws-amplify';
import { getCurrentUser, signInWithRedirect } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { Hub } from 'aws-amplify/utils';
import type { DemoConfig, ManagedLoginConfig } from './config';
import { amplifyReconfigured, memoryStorage } from './amplify-sign-in';

export type ManagedLoginKind = 'good' | 'broken';

const PENDING_KEY = 'cognito-demo.managed-login';

export function callbackUrl(managed: ManagedLoginConfig): string {
  return `${window.location.origin}${managed.callbackPath}`;
}

/** The redirect URL each kind of page is configured with; the broken one's callback adds a slash. */
function redirectUrl(managed: ManagedLoginConfig, kind: ManagedLoginKind, page: 'sign-in' | 'callback'): string {
  return kind === 'broken' && page === 'callback' ? `${callbackUrl(managed)}/` : callbackUrl(managed);
}

function configureManagedLogin(managed: ManagedLoginConfig, redirect: string): void {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: managed.userPoolId,
        userPoolClientId: managed.clientId,
        loginWith: {
          oauth: {
            domain: managed.domain,
            scopes: ['openid', 'email', 'profile'],
            redirectSignIn: [redirect],
            redirectSignOut: [`${window.location.origin}/`],
            responseType: 'code',
          },
        },
      },
    },
  });
  // Tokens in memory, as for the other buttons (set after configure(), which resets the store to
  // localStorage): a fresh store also means "nobody signed in yet" for the next attempt. Amplify
  // finishes a callback only after awaiting storage, so the tokens land here.
  cognitoUserPoolsTokenProvider.setKeyValueStorage(memoryStorage());
  // The API buttons configure Amplify their own way again (without oauth, whose signOut would redirect).
  amplifyReconfigured();
}

function managedConfig(config: DemoConfig): ManagedLoginConfig {
  if (!config.managedLogin) throw new Error('this demo server has no managed-login double');
  return config.managedLogin;
}

/** Starts a managed-login sign-in: the page navigates away to the authorize endpoint. */
export async function startManagedLogin(config: DemoConfig, kind: ManagedLoginKind): Promise<void> {
  const managed = managedConfig(config);
  sessionStorage.setItem(PENDING_KEY, kind);
  configureManagedLogin(managed, redirectUrl(managed, kind, 'sign-in'));
  await signInWithRedirect();
}

export interface ManagedLoginOutcome {
  kind: ManagedLoginKind;
  /** Resolves with the signed-in user, rejects with what Amplify reported. */
  result: Promise<string>;
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/** How long the callback page holds Amplify's `history.replaceState` back (see the top of this file). */
export const URL_CLEAN_UP_DELAY_MS = 1_000;

/** Runs the page's next `history.replaceState` (Amplify's clean-up of `?code&state`) a moment later. */
function deferUrlCleanUp(): void {
  const original = history.replaceState.bind(history);
  history.replaceState = (...args: Parameters<History['replaceState']>) => {
    history.replaceState = original;
    setTimeout(() => original(...args), URL_CLEAN_UP_DELAY_MS);
  };
}

/**
 * On the callback page of an attempt this page started: configures Amplify (which then completes
 * the sign-in by itself) and reports how it ended. Null on any other page load.
 */
export function completeManagedLogin(config: DemoConfig): ManagedLoginOutcome | null {
  const kind = sessionStorage.getItem(PENDING_KEY);
  const managed = config.managedLogin;
  if ((kind !== 'good' && kind !== 'broken') || !managed || window.location.pathname !== managed.callbackPath) return null;
  sessionStorage.removeItem(PENDING_KEY);
  const result = new Promise<string>((resolve, reject) => {
    // Listening before configure(): Amplify completes the flow as soon as it is configured.
    const stop = Hub.listen('auth', ({ payload }) => {
      if (payload.event === 'signInWithRedirect') {
        stop();
        getCurrentUser().then((user) => resolve(user.username), reject);
      } else if (payload.event === 'signInWithRedirect_failure') {
        stop();
        reject(new Error(errorText(payload.data?.error)));
      }
    });
  });
  deferUrlCleanUp();
  configureManagedLogin(managed, redirectUrl(managed, kind, 'callback'));
  return { kind, result };
}
