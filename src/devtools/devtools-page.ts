/**
 * The devtools page: runs once per DevTools window and only adds the Cognito panel. The panel
 * page itself does the capturing, so nothing runs (or is kept in memory) until it is opened.
 */
import browser from 'webextension-polyfill';

// The title is also the panel's id in Chrome's DevTools (e2e tests select it by that id).
void browser.devtools.panels.create('Cognito', '/icons/icon-32.png', '/src/devtools/panel.html');
