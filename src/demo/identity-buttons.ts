/**
 * The page's two identity-pool buttons, kept apart from main.ts: "Get AWS credentials" (Amplify's
 * fetchAuthSession after a sign-in) and the broken GetId with the access token in Logins.
 * Both act on whoever signed in last with Amplify.
 */
import type { DemoConfig } from './config';
import { configureAmplify } from './amplify-sign-in';
import { brokenAccessTokenGetId, getAwsCredentials } from './identity-credentials';

type Wire = (buttonId: string, statusId: string, action: () => Promise<void>) => void;
type Show = (statusId: string, state: 'ok', text: string) => void;

export function wireIdentityCredentials(config: DemoConfig, wire: Wire, show: Show): void {
  wire('aws-credentials', 'status-aws-credentials', async () => {
    configureAmplify(config);
    show('status-aws-credentials', 'ok', await getAwsCredentials(config));
  });
  wire('broken-identity', 'status-broken-identity', async () => {
    configureAmplify(config);
    // The pool refuses it; the point is what the panel says about it.
    show('status-broken-identity', 'ok', await brokenAccessTokenGetId(config));
  });
}
