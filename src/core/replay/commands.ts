/**
 * "Copy as cURL / fetch / AWS CLI" for a Cognito call: the same request as the panel would send
 * (URL, POST, Content-Type, X-Amz-Target, body), as a command to paste. Masked by default (every
 * secret value replaced, as on screen); `withSecrets` only when the user picks it. Shell words are
 * quoted for POSIX shells (single quotes, `'` written as `'\''`).
 */
import type { ReplayRequest } from '../replay';
import { isObject } from '../json';
import { maskJson } from '../view/secrets';
import { cognitoEndpointRegion } from './target';

export interface CommandOptions {
  /** Put the real secret values in the command (passwords, codes, Sessions, SECRET_HASH, tokens). */
  withSecrets: boolean;
}

/** One POSIX shell word: single-quoted unless made only of safe characters. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function bodyValue(request: ReplayRequest, options: CommandOptions): unknown {
  let value: unknown;
  try {
    value = JSON.parse(request.body) as unknown;
  } catch {
    return request.body;
  }
  return options.withSecrets ? value : maskJson(value);
}

function bodyText(request: ReplayRequest, options: CommandOptions): string {
  const value = bodyValue(request, options);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function curlCommand(request: ReplayRequest, options: CommandOptions): string {
  const words = ['curl', '-sS', '-X', 'POST', shellQuote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) words.push('-H', shellQuote(`${name}: ${value}`));
  words.push('--data-raw', shellQuote(bodyText(request, options)));
  return words.join(' ');
}

export function fetchCommand(request: ReplayRequest, options: CommandOptions): string {
  const value = bodyValue(request, options);
  const body = typeof value === 'string' ? JSON.stringify(value) : `JSON.stringify(${JSON.stringify(value, null, 2)})`;
  return [
    `await fetch(${JSON.stringify(request.url)}, {`,
    "  method: 'POST',",
    `  headers: ${JSON.stringify(request.headers)},`,
    `  body: ${body.split('\n').join('\n  ')},`,
    '}).then((response) => response.json());',
  ].join('\n');
}

/** `RespondToAuthChallenge` → `respond-to-auth-challenge`, `ClientId` → `client-id`. */
export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

/** Region for the CLI when the endpoint is not AWS: the pool id's prefix when the body names one, else us-east-1. */
function fallbackRegion(value: unknown): string {
  const pool = isObject(value) && typeof value.UserPoolId === 'string' ? value.UserPoolId : '';
  const prefix = /^([a-z]{2}(?:-[a-z]+)+-\d)_/.exec(pool)?.[1];
  return prefix ?? 'us-east-1';
}

/**
 * `aws cognito-idp <operation> --region … [--endpoint-url …] --<member> …`: one option per
 * top-level body member (maps and lists as JSON), `--no-sign-request` for the unsigned sign-in
 * operations (cognito-protocol.md, "Wire"), `--endpoint-url` when the endpoint is not AWS.
 */
export function awsCliCommand(request: ReplayRequest, options: CommandOptions): string {
  const value = bodyValue(request, options);
  const region = cognitoEndpointRegion(request.url);
  const words = ['aws', 'cognito-idp', kebab(request.operation), '--region', region ?? fallbackRegion(value)];
  if (region === null) words.push('--endpoint-url', shellQuote(request.url));
  if (isObject(value)) {
    for (const [key, member] of Object.entries(value)) {
      const text = typeof member === 'string' ? member : JSON.stringify(member);
      words.push(`--${kebab(key)}`, shellQuote(text));
    }
  }
  if (!request.operation.startsWith('Admin')) words.push('--no-sign-request');
  return words.join(' ');
}

export type CommandKind = 'curl' | 'fetch' | 'aws-cli';

export const COMMAND_BUILDERS: Readonly<Record<CommandKind, (request: ReplayRequest, options: CommandOptions) => string>> = {
  curl: curlCommand,
  fetch: fetchCommand,
  'aws-cli': awsCliCommand,
};
