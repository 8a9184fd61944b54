/**
 * A throwaway TLS certificate for 127.0.0.1, for the managed-login double: Amplify v6 builds its
 * URLs as `https://<domain>/oauth2/…` (managed-login-oauth2.md §2.1), so the "user-pool domain" on
 * loopback has to speak TLS. Made fresh per run with Debian's `openssl` (no key is kept in the
 * repository); the demo's Chromium is told to accept it (`acceptSelfSignedCertificates`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';

export interface TlsFiles {
  key: string;
  cert: string;
}

export function selfSignedCertificate(): TlsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'cfi-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
        '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(`openssl could not make a certificate for the managed-login double (apt-get install openssl): ${String(error)}`, { cause: error });
    }
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Has this Chromium accept any certificate (the double's is self-signed), for every tab: the
 * browser-wide CDP switch, the same as `--ignore-certificate-errors` but for a browser already running.
 * Only for the demo's and the tests' throwaway profiles.
 */
export async function acceptSelfSignedCertificates(browser: Browser): Promise<void> {
  const cdp = await browser.target().createCDPSession();
  // The session stays attached: Chromium drops the setting with the session that set it.
  await cdp.send('Security.setIgnoreCertificateErrors', { ignore: true });
}
