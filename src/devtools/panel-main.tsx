/**
 * The Cognito panel page inside DevTools: the panel UI over the live devtools host.
 * The only file that imports webextension-polyfill for the panel.
 */
import browser from 'webextension-polyfill';
import { mountPanel } from '../panel/mount';
import { devtoolsHost } from './devtools-host';

const root = document.getElementById('app');
if (root) mountPanel(root, devtoolsHost(browser));
