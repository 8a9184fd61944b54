/**
 * The demo page: one button per kind of sign-in (Amplify v6 for the main ones, one with
 * amazon-cognito-identity-js), each with a status line (`#status-*`, with
 * `data-state` idle | busy | challenge | ok | error) that people read and e2e tests wait on.
 * A pending challenge shows one form, prefilled with the right answer, to submit.
 */
import { brokenNewPasswordAnswer } from './broken-call';
import { loadConfig, type DemoConfig } from './config';
import { signIn as identityJsSignIn, type SignInStep } from './sign-in';
import { amplifyRefresh, amplifySignIn, amplifySignOut, amplifySrpSignIn } from './amplify-sign-in';
import { totpCode } from './totp';
import { wireIdentityCredentials } from './identity-buttons';
import { wireManagedLogin } from './managed-login-buttons';
import type { FrameResult } from './frame';

type State = 'idle' | 'busy' | 'challenge' | 'ok' | 'error';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} missing from index.html`);
  return found as T;
}

function show(statusId: string, state: State, text: string): void {
  const status = element(statusId);
  status.dataset.state = state;
  status.textContent = text;
}

function describe(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
    const type = typeof code === 'string' ? code : typeof name === 'string' ? name : 'Error';
    return `${type}: ${typeof message === 'string' ? message : ''}`;
  }
  return String(error);
}

const form = element<HTMLFormElement>('challenge');
const answerInput = element<HTMLInputElement>('challenge-answer');
let pendingAnswer: ((answer: string) => void) | null = null;

/** Shows the challenge form and resolves with what gets submitted. */
function askChallenge(label: string, prefill: string): Promise<string> {
  element('challenge-label').textContent = label;
  answerInput.value = prefill;
  form.hidden = false;
  return new Promise((resolve) => {
    pendingAnswer = resolve;
  });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const resolve = pendingAnswer;
  pendingAnswer = null;
  form.hidden = true;
  resolve?.(answerInput.value.trim());
});

/** Walks a sign-in through its challenges, answering each from the form. */
function isCodeMismatch(error: unknown): boolean {
  return describe(error).startsWith('CodeMismatchException');
}

async function runSignIn(config: DemoConfig, statusId: string, first: Promise<SignInStep>): Promise<void> {
  let step = await first;
  let retrying = false;
  for (;;) {
    if (step.kind === 'signed-in') {
      show(statusId, 'ok', `Signed in as ${step.username}`);
      return;
    }
    if (step.kind === 'new-password') {
      show(statusId, 'challenge', 'NEW_PASSWORD_REQUIRED: choose a new password');
      const newPassword = await askChallenge('New password', config.users.newPassword.newPassword);
      show(statusId, 'busy', '…');
      step = await step.complete(newPassword);
    } else {
      show(statusId, 'challenge', retrying ? 'Wrong code (CodeMismatchException): enter the authenticator code again' : 'SOFTWARE_TOKEN_MFA: enter the authenticator code');
      // The code is computed when the form opens; a code older than ~60 s would be refused.
      const code = await askChallenge('TOTP code', await totpCode(config.users.totp.totpSecret));
      show(statusId, 'busy', '…');
      try {
        step = await step.answer(code);
        retrying = false;
      } catch (error) {
        // Amplify's designed retry: after a wrong code, confirmSignIn again with the same Session.
        if (!isCodeMismatch(error)) throw error;
        retrying = true;
      }
    }
  }
}

function wire(buttonId: string, statusId: string, action: () => Promise<void>): void {
  const button = element<HTMLButtonElement>(buttonId);
  button.disabled = false;
  button.addEventListener('click', () => {
    show(statusId, 'busy', '…');
    action().catch((error: unknown) => show(statusId, 'error', describe(error)));
  });
}

async function start(): Promise<void> {
  const config = await loadConfig();
  element('endpoint').textContent = config.endpoint;
  const { plain, newPassword, totp, broken, srp } = config.users;
  element('sign-in-plain').textContent = `Sign in as ${plain.username}`;
  element('sign-in-srp').textContent = `Sign in as ${srp.username} (SRP, Amplify's default)`;
  element('sign-in-new-password').textContent = `Sign in as ${newPassword.username} (NEW_PASSWORD_REQUIRED)`;
  element('sign-in-totp').textContent = `Sign in as ${totp.username} (TOTP MFA)`;
  element('broken-call').textContent = `Broken call: ${broken.username} answers without NEW_PASSWORD`;

  // The main buttons sign in with Amplify v6, as most apps do; one keeps amazon-cognito-identity-js.
  wire('sign-in-plain', 'status-plain', () => runSignIn(config, 'status-plain', amplifySignIn(config, plain)));
  wire('sign-in-srp', 'status-srp', () => runSignIn(config, 'status-srp', amplifySrpSignIn(config, srp)));
  wire('sign-in-new-password', 'status-new-password', () => runSignIn(config, 'status-new-password', amplifySignIn(config, newPassword)));
  wire('sign-in-totp', 'status-totp', () => runSignIn(config, 'status-totp', amplifySignIn(config, totp)));
  wire('sign-out', 'status-sign-out', async () => {
    const who = await amplifySignOut(config);
    show('status-sign-out', 'ok', who ? `Signed out ${who}` : 'Nobody was signed in');
  });
  wire('refresh-tokens', 'status-refresh-tokens', async () => {
    show('status-refresh-tokens', 'ok', `Refreshed the tokens of ${await amplifyRefresh(config)}`);
  });
  wireIdentityCredentials(config, wire, show);
  wireManagedLogin(config, wire, show);
  element('sign-in-identity-js').textContent = `Sign in as ${plain.username} with amazon-cognito-identity-js`;
  wire('sign-in-identity-js', 'status-identity-js', () => runSignIn(config, 'status-identity-js', identityJsSignIn(config, plain)));
  wire('broken-call', 'status-broken', async () => {
    const answer = await brokenNewPasswordAnswer(config, broken);
    // cognito-local rejects it; the point is what the panel says about it.
    show('status-broken', 'ok', `Sent; Cognito answered ${answer}`);
  });
  element('sign-in-iframe').textContent = `Sign in as ${plain.username} from an iframe`;
  wire('sign-in-iframe', 'status-iframe', () => signInFromFrame());
  element('sign-in-service-worker').textContent = `Sign in as ${plain.username} from a service worker`;
  wire('sign-in-service-worker', 'status-service-worker', async () => {
    const status = await signInFromServiceWorker(config);
    show('status-service-worker', status === 200 ? 'ok' : 'error', `Service worker's InitiateAuth answered ${status}`);
  });
  document.body.dataset.ready = 'true';
}

/**
 * Registers public/sw.js and has it send the InitiateAuth itself: the request is the worker's, not
 * the page's (an app that signs in from its service worker). Resolves with the HTTP status.
 */
async function signInFromServiceWorker(config: DemoConfig): Promise<number> {
  const registration = await navigator.serviceWorker.register('/sw.js');
  await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) throw new Error('the service worker did not activate');
  const { username, password } = config.users.plain;
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent<{ status: number }>) => {
      navigator.serviceWorker.removeEventListener('message', onMessage);
      resolve(event.data.status);
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    worker.postMessage({ endpoint: config.endpoint, clientId: config.clientId, username, password });
  });
}

/** Embeds frame.html, which signs in on its own, and shows what it reports. */
function signInFromFrame(): Promise<void> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.src = './frame.html';
    frame.title = 'Sign-in widget';
    const onMessage = (event: MessageEvent<FrameResult>) => {
      if (event.origin !== window.location.origin || event.data?.source !== 'cognito-demo-frame') return;
      window.removeEventListener('message', onMessage);
      if (event.data.ok) {
        show('status-iframe', 'ok', event.data.text);
        resolve();
      } else {
        reject(new Error(event.data.text));
      }
    };
    window.addEventListener('message', onMessage);
    element('frames').replaceChildren(frame);
  });
}

start().catch((error: unknown) => {
  document.body.dataset.ready = 'error';
  element('endpoint').textContent = `config failed: ${describe(error)}`;
});
