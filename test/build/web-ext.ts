/** Runs the project's own web-ext (not a global one) for the Firefox checks. */
import { join } from 'node:path';
import { ROOT } from '../../scripts/build/paths';

export const WEB_EXT = join(ROOT, 'node_modules/.bin/web-ext');

/** Offline and non-interactive: no update check, no prompt, no config file from the home folder. */
export const WEB_EXT_ENV = { ...process.env, NO_UPDATE_NOTIFIER: '1' };
