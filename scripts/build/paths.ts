/** Where the build reads from and writes to; the build, the packager and the tests share these. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MANIFEST = join(ROOT, 'manifest.json');
export const DIST = join(ROOT, 'dist');
export const DIST_CHROME = join(DIST, 'chrome');
export const DIST_FIREFOX = join(DIST, 'firefox');
export const DIST_VIEWER = join(DIST, 'viewer');
export const DIST_PACKAGES = join(DIST, 'packages');
/** The CLI, bundled to plain JavaScript (bin/cognito-flow.mjs runs dist/cli/main.js). */
export const DIST_CLI = join(DIST, 'cli');

/** The page the devtools page opens as the panel (see src/devtools/devtools-page.ts). */
export const PANEL_HTML = 'src/devtools/panel.html';

/**
 * What the panel page loads at start-up, gzipped, must stay under this. It was 40 KB while the panel
 * analysed user-pool sign-ins only. The analysis now runs at start-up for every service the panel
 * shows: the one masking walk for every service and HAR field (issue 7, about 3 KB), identity pools
 * and refreshes (issue 11, about 6 KB), managed login with its rule and error tables (issue 12, about
 * 13 KB), so 2026-12 set it at 72 KB (66.7 KB measured). Then the incremental live analysis (issue
 * 13: the panel keeps linker and after-sign-in state instead of re-running the one-shot pass, about
 * 1.5 KB) and the last four managed-login checks with their texts (issue 12, about 1.5 KB) brought it
 * to 74.5 KB: 78 KB then. Managed login's joins from the API side (refresh lineage, API refreshes,
 * calls made with its tokens), client-credentials-in-browser and the OAuth server-answer rule (issue
 * 12, about 2 KB) brought it to 78.1 KB: 80 KB then. The live analysis keeping sign-in and identity
 * diagnostics filed between updates instead of walking every flow on each (issue 13,
 * diagnostics/filed-by-entry.ts and live-identity.ts, about 0.8 KB) brought it to 80.7 KB: 82 KB
 * since. Loading the managed-login and identity analyses only once such an entry arrives is the way
 * back down (src/core/oauth alone is 55 KB raw); until then this guards growth.
 */
export const PANEL_JS_BUDGET_GZIP = 82 * 1024;
/** Code the panel loads on demand (the replay editor, on its first use), gzipped, on top of the start-up budget. */
export const PANEL_LAZY_JS_BUDGET_GZIP = 16 * 1024;
