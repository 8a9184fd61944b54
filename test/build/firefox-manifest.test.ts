/** The Chrome-to-Firefox manifest rewrite, on manifests the build does not make today. */
import { describe, expect, it } from 'vitest';
import { firefoxManifest, GECKO_ID } from '../../scripts/build/firefox-manifest';

const base = { manifest_version: 3, name: 'x', version: '1.0.0', devtools_page: 'd.html' };

describe('firefoxManifest', () => {
  it('drops Chrome-only keys and adds the gecko settings, leaving the input alone', () => {
    const chrome = { ...base, minimum_chrome_version: '120', key: 'abc' };
    const firefox = firefoxManifest(chrome);
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    expect(firefox).not.toHaveProperty('key');
    expect(firefox).toMatchObject({ ...base, browser_specific_settings: { gecko: { id: GECKO_ID } } });
    expect(chrome.minimum_chrome_version).toBe('120');
  });

  it('strips use_dynamic_url from web-accessible resources, and drops an empty list', () => {
    const resources = [{ resources: ['a.js'], matches: ['<all_urls>'], use_dynamic_url: false }];
    expect(firefoxManifest({ ...base, web_accessible_resources: resources }).web_accessible_resources).toEqual([{ resources: ['a.js'], matches: ['<all_urls>'] }]);
    expect(firefoxManifest({ ...base, web_accessible_resources: [] })).not.toHaveProperty('web_accessible_resources');
  });

  it('refuses a background it cannot translate', () => {
    expect(() => firefoxManifest({ ...base, background: { service_worker: 'sw.js' } })).toThrow(/background/);
  });
});
