/**
 * Everything the demo page needs, started together: a freshly seeded cognito-local (fresh on
 * every run, because a completed NEW_PASSWORD_REQUIRED stays completed) and the demo server with
 * its `/config.json`. Shared by `npm start` and the e2e tests.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoConfig } from '../../src/demo/config';
import { startSeededCognitoLocal, type CognitoLocalServer, type CognitoSeed } from '../lib/cognito-local';
import { buildDemo, DEMO_OUT } from './build-demo';
import { JSON_TYPE, startStaticServer, type StaticServer } from '../lib/static-server';

export interface DemoEnvironment {
  cognito: CognitoLocalServer;
  seed: CognitoSeed;
  config: DemoConfig;
  server: StaticServer;
  /** Stops the demo server and cognito-local. Idempotent. */
  stop(): Promise<void>;
}

export function demoConfig(seed: CognitoSeed): DemoConfig {
  const { confirmed, 'new-password': newPassword, 'totp-mfa': totp, 'new-password-broken': broken } = seed.users;
  return {
    endpoint: seed.endpoint,
    userPoolId: seed.userPoolId,
    clientId: seed.clientId,
    users: {
      plain: { username: confirmed.username, password: confirmed.password },
      newPassword: { username: newPassword.username, password: newPassword.password, newPassword: newPassword.newPassword ?? 'Chosen-Passw0rd!' },
      totp: { username: totp.username, password: totp.password, totpSecret: totp.totpSecret ?? '' },
      broken: { username: broken.username, password: broken.password },
    },
  };
}

/** Builds the demo app unless asked to reuse a build that is there. */
export async function ensureDemoBuilt(options: { rebuild?: boolean } = {}): Promise<string> {
  if (!options.rebuild && existsSync(join(DEMO_OUT, 'index.html'))) return DEMO_OUT;
  return buildDemo();
}

export async function startDemoEnvironment(options: { rebuild?: boolean } = {}): Promise<DemoEnvironment> {
  const root = await ensureDemoBuilt(options);
  const { server: cognito, seed } = await startSeededCognitoLocal();
  let server: StaticServer;
  try {
    server = await startStaticServer(root, { index: 'index.html', documents: { '/config.json': { type: JSON_TYPE, body: JSON.stringify(demoConfig(seed)) } } });
  } catch (error) {
    await cognito.stop();
    throw error;
  }
  let stopped: Promise<void> | null = null;
  return {
    cognito,
    seed,
    config: demoConfig(seed),
    server,
    stop: () => (stopped ??= Promise.all([server.close(), cognito.stop()]).then(() => undefined)),
  };
}
