/**
 * The Firefox manifest, derived from the Chrome build's. The code is the same byte for byte (the
 * build copies it), so only the manifest differs: what Firefox needs added, and the Chrome-only
 * keys `web-ext lint` warns about taken out.
 */

export const GECKO_ID = 'cognito-flow-inspector@cognito-flow-inspector.dev';

/**
 * 142 is the first Firefox that understands `data_collection_permissions`; with an older
 * minimum, `web-ext lint` warns that the key is ignored there.
 */
export const GECKO_MIN_VERSION = '142.0';

/** Keys only Chrome reads; Firefox's linter reports each as an unknown property. */
const CHROME_ONLY_KEYS = ['minimum_chrome_version', 'key', 'update_url', 'offline_enabled'] as const;

export type Manifest = Record<string, unknown>;

export function firefoxManifest(chrome: Manifest): Manifest {
  if (chrome.background !== undefined) {
    // Firefox MV3 runs `background.scripts`, not a service worker; crxjs would have to emit
    // both forms. Nothing needs a background today, so stop here rather than ship one Firefox ignores.
    throw new Error('manifest has a background: teach scripts/build/firefox-manifest.ts to write background.scripts');
  }
  const out: Manifest = { ...chrome };
  for (const key of CHROME_ONLY_KEYS) delete out[key];
  out.web_accessible_resources = withoutDynamicUrl(out.web_accessible_resources);
  if (out.web_accessible_resources === undefined) delete out.web_accessible_resources;
  out.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: GECKO_MIN_VERSION,
      // The extension sends nothing anywhere (README, Privacy): Mozilla's form for saying so.
      data_collection_permissions: { required: ['none'] },
    },
  };
  return out;
}

/** crxjs may add `use_dynamic_url` to web-accessible resources; Firefox does not know the key. */
function withoutDynamicUrl(resources: unknown): unknown {
  if (!Array.isArray(resources)) return resources;
  if (resources.length === 0) return undefined;
  return resources.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return entry;
    const { use_dynamic_url: _dropped, ...rest } = entry as Record<string, unknown>;
    return rest;
  });
}
