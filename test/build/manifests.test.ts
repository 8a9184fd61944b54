/**
 * The built manifests (after `npm run build`): Manifest V3 with a devtools page, a strict CSP,
 * only the `storage` permission, nothing running in the background, Firefox's settings in the
 * Firefox build only, every file they name present, and the same code in both builds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GECKO_ID, GECKO_MIN_VERSION } from '../../scripts/build/firefox-manifest';
import { pageScripts } from '../../scripts/build/page-scripts';
import { MANIFEST, PANEL_HTML } from '../../scripts/build/paths';
import { BUILDS, filesUnder, readManifest, referencedFiles } from './dist';

const source = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, unknown>;

describe.each(Object.entries(BUILDS))('%s build', (browser, dir) => {
  const manifest = readManifest(dir);

  it('is Manifest V3 with the source manifest name and version', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.name).toBe(source.name);
    expect(manifest.version).toBe(source.version);
  });

  it('has a devtools page that exists', () => {
    expect(typeof manifest.devtools_page).toBe('string');
    expect(existsSync(join(dir, String(manifest.devtools_page)))).toBe(true);
  });

  it('asks for storage only, and runs nothing in the background or in pages', () => {
    expect(manifest.permissions).toEqual(['storage']);
    for (const key of ['host_permissions', 'optional_permissions', 'optional_host_permissions', 'background', 'content_scripts', 'externally_connectable']) {
      expect(manifest, key).not.toHaveProperty(key);
    }
  });

  it('has a strict CSP for its pages that still lets a replay reach any endpoint', () => {
    const csp = (manifest.content_security_policy as { extension_pages?: string } | undefined)?.extension_pages ?? '';
    const directives = new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...values]) => [name, values]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    // A replay fetches the Cognito endpoint the user clicked (127.0.0.1 emulators included).
    // Firefox's default MV3 policy adds upgrade-insecure-requests, which would turn such a replay
    // into https: one reason the manifest states its own policy.
    expect(directives.has('connect-src')).toBe(false);
    expect(directives.has('default-src')).toBe(false);
    expect(csp).not.toMatch(/unsafe-(eval|inline)|upgrade-insecure-requests/);
  });

  it('names only files it contains', () => {
    const named = referencedFiles(manifest);
    expect(named).toContain(manifest.devtools_page);
    for (const file of named) expect(existsSync(join(dir, file)), file).toBe(true);
  });

  it('loads only packaged scripts: no remote code, no inline script the CSP would block', () => {
    for (const page of filesUnder(dir).filter((file) => file.endsWith('.html'))) {
      const html = readFileSync(join(dir, page), 'utf8');
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
        const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
        expect(src, `${page}: ${tag}`).toBeDefined();
        expect(src, page).not.toMatch(/^[a-z]+:|^\/\//i);
      }
    }
  });

  it('builds the panel page and the icon the devtools page names', () => {
    const code = pageScripts(dir, String(manifest.devtools_page)).map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
    expect(code).toContain(`/${PANEL_HTML}`);
    for (const [, path] of code.matchAll(/["'`]\/([\w./-]+\.(?:html|png))["'`]/g)) {
      expect(existsSync(join(dir, path as string)), path).toBe(true);
    }
  });

  if (browser === 'firefox') {
    it('carries the gecko id, minimum version and data-collection statement', () => {
      expect(manifest.browser_specific_settings).toEqual({
        gecko: { id: GECKO_ID, strict_min_version: GECKO_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
      });
      expect(manifest).not.toHaveProperty('minimum_chrome_version');
    });
  } else {
    it('leaves Firefox settings out', () => {
      expect(manifest).not.toHaveProperty('browser_specific_settings');
    });
  }
});

describe('chrome and firefox builds', () => {
  it('ship the same files byte for byte, manifest aside', () => {
    const chrome = filesUnder(BUILDS.chrome);
    expect(filesUnder(BUILDS.firefox)).toEqual(chrome);
    for (const file of chrome.filter((name) => name !== 'manifest.json')) {
      expect(readFileSync(join(BUILDS.firefox, file)).equals(readFileSync(join(BUILDS.chrome, file))), file).toBe(true);
    }
  });
});
