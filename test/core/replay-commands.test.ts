/**
 * Copy as cURL / fetch / AWS CLI: each command, run for real against the strict double on
 * loopback (curl, Node's fetch, and the AWS CLI when installed), gets the same answer as the
 * panel's own replay; masked by default; POSIX quoting survives a real shell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { awsCliCommand, curlCommand, fetchCommand, kebab, shellQuote } from '../../src/core/replay/commands';
import { COGNITO_CONTENT_TYPE, type ReplayRequest } from '../../src/core/replay';
import { fetchReplay } from '../../src/panel/replay-fetch';
import { startSeededCognitoLocal, type CognitoLocalServer, type CognitoSeed } from '../support/cognito-local';
import { startStrictCognito, type StrictCognito } from '../support/strict-cognito';

const run = promisify(execFile);
let cognito: CognitoLocalServer;
let seed: CognitoSeed;
let strict: StrictCognito;

beforeAll(async () => {
  ({ server: cognito, seed } = await startSeededCognitoLocal());
  strict = await startStrictCognito({ upstream: seed.endpoint });
});

afterAll(async () => {
  await strict?.close();
  await cognito?.stop();
});

function initiate(url: string, password: string): ReplayRequest {
  return {
    url, method: 'POST', replayOf: 0, operation: 'InitiateAuth',
    headers: { 'Content-Type': COGNITO_CONTENT_TYPE, 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: seed.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: password } }),
  };
}

async function sh(command: string): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run('sh', ['-c', command], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', AWS_EC2_METADATA_DISABLED: 'true' } });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

const hasAwsCli = (async () => (await sh('command -v aws')).code === 0)();

describe('POSIX quoting', () => {
  it.each(["it's", 'a b', '$HOME `id` $(id) "q" \\ ; | & > <', '‹secret 1: PASSWORD›', '', 'plain-word_1.2:3'])('sh reads %j back unchanged', async (word) => {
    expect((await sh(`printf %s ${shellQuote(word)}`)).stdout).toBe(word);
  });

  it('kebab-cases operations and members as the AWS CLI names them', () => {
    expect(kebab('RespondToAuthChallenge')).toBe('respond-to-auth-challenge');
    expect(kebab('ClientId')).toBe('client-id');
    expect(kebab('ChallengeResponses')).toBe('challenge-responses');
    expect(kebab('UserContextData')).toBe('user-context-data');
  });
});

describe('the commands', () => {
  it('are masked by default and carry the secrets only when asked', () => {
    const request = initiate('https://cognito-idp.eu-west-1.amazonaws.com/', "Zq'ss w0rd!");
    for (const build of [curlCommand, fetchCommand, awsCliCommand]) {
      expect(build(request, { withSecrets: false })).not.toContain('Zq');
      expect(build(request, { withSecrets: true })).toContain('Zq');
    }
  });

  it('AWS CLI: --region from the endpoint and no --endpoint-url for AWS; --endpoint-url otherwise; unsigned calls say --no-sign-request', () => {
    const aws = awsCliCommand(initiate('https://cognito-idp-fips.us-gov-west-1.amazonaws.com/', 'x'), { withSecrets: true });
    expect(aws).toMatch(/^aws cognito-idp initiate-auth --region us-gov-west-1 --auth-flow USER_PASSWORD_AUTH --client-id \S+ --auth-parameters '\{"USERNAME":"alice","PASSWORD":"x"\}' --no-sign-request$/);
    expect(aws).not.toContain('--endpoint-url');
    const local = awsCliCommand(initiate('http://127.0.0.1:9229/', 'x'), { withSecrets: true });
    expect(local).toContain('--region us-east-1 --endpoint-url http://127.0.0.1:9229/');
  });

  it('cURL run by a shell gets the same answer as the panel', async () => {
    const request = initiate(`${strict.endpoint}/`, "wrong 'password'");
    const panel = JSON.parse((await fetchReplay(request)).response.content.text ?? '') as unknown;
    const curl = await sh(curlCommand(request, { withSecrets: true }));
    expect(curl.code).toBe(0);
    expect(JSON.parse(curl.stdout)).toEqual(panel);
    expect(panel).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    const signedIn = await sh(curlCommand(initiate(`${strict.endpoint}/`, 'Alice-Passw0rd!'), { withSecrets: true }));
    expect(JSON.parse(signedIn.stdout)).toHaveProperty('AuthenticationResult.IdToken');
  });

  it('fetch, evaluated, gets the same answer as the panel', async () => {
    const request = initiate(`${strict.endpoint}/`, 'wrong');
    const evaluate = new Function(`return (async () => ${fetchCommand(request, { withSecrets: true }).replace(/^await /, '').replace(/;$/, '')})();`) as () => Promise<unknown>;
    expect(await evaluate()).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('AWS CLI (when installed) signs in against the double, and reports its error as the panel shows it', async () => {
    if (!(await hasAwsCli)) return;
    const ok = await sh(awsCliCommand(initiate(`${strict.endpoint}/`, 'Alice-Passw0rd!'), { withSecrets: true }));
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toHaveProperty('AuthenticationResult.AccessToken');
    const refused = await sh(awsCliCommand(initiate(`${strict.endpoint}/`, 'wrong'), { withSecrets: true }));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('(NotAuthorizedException) when calling the InitiateAuth operation: Incorrect username or password.');
  });
});
