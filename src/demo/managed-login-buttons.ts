/**
 * The page's two managed-login buttons, kept apart from main.ts. A click leaves the page (to the
 * user-pool domain's sign-in page); the outcome shows on the status line of the button that started
 * it once the browser is back on the callback page. The broken button's refusal is what it is for,
 * so it shows as done ("ok") with the token endpoint's error; a broken attempt that signs in is the
 * error.
 */
import type { DemoConfig } from './config';
import { completeManagedLogin, startManagedLogin, type ManagedLoginKind } from './managed-login';

type Wire = (buttonId: string, statusId: string, action: () => Promise<void>) => void;
type Show = (statusId: string, state: 'busy' | 'ok' | 'error', text: string) => void;

const STATUS: Readonly<Record<ManagedLoginKind, string>> = { good: 'status-managed-login-good', broken: 'status-managed-login-broken' };

export function wireManagedLogin(config: DemoConfig, wire: Wire, show: Show): void {
  const managed = config.managedLogin;
  const domain = document.getElementById('managed-login-domain');
  const user = document.getElementById('managed-login-user');
  if (domain) domain.textContent = managed ? `https://${managed.domain}` : '(no managed-login double)';
  if (user && managed) user.textContent = `${managed.user.username} / ${managed.user.password}`;
  for (const kind of ['good', 'broken'] as const) {
    wire(`managed-login-${kind}`, STATUS[kind], async () => {
      show(STATUS[kind], 'busy', 'Redirecting to managed login…');
      await startManagedLogin(config, kind);
    });
  }
  const outcome = completeManagedLogin(config);
  if (!outcome) return;
  const status = STATUS[outcome.kind];
  show(status, 'busy', 'Exchanging the code for tokens…');
  outcome.result.then(
    (username) => show(status, outcome.kind === 'good' ? 'ok' : 'error',
      outcome.kind === 'good' ? `Signed in as ${username} (managed login)` : `Signed in as ${username}: the broken attempt was expected to be refused`),
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      if (outcome.kind === 'broken') show(status, 'ok', `Token request refused: ${reason} (its redirect_uri has a trailing slash)`);
      else show(status, 'error', `Managed login failed: ${reason}`);
    },
  );
}
