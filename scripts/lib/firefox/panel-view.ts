/**
 * Reads and clicks the Cognito panel in Firefox through its stable data-* hooks, the same hooks
 * (and the same shapes) as scripts/demo/panel-view.ts reads in Chromium.
 */
import type { Marionette } from './marionette';
import { inPanel } from './panel-page';

export interface FlowRow {
  id: string;
  text: string;
  outcome: string | null;
}

export interface StepView {
  operation: string | null;
  challengeIn: string | null;
  challengeOut: string | null;
  handoff: string | null;
  /** `data-unreadable`: the panel could not read a body of this call. */
  unreadable: boolean;
  text: string;
}

export interface DiagnosticView {
  code: string;
  text: string;
}

export function flowRows(marionette: Marionette): Promise<FlowRow[]> {
  return inPanel(marionette, `async (document) => [...document.querySelectorAll('[data-flow]')].map((row) => ({
    id: row.getAttribute('data-flow') || '', text: row.textContent || '', outcome: row.getAttribute('data-outcome'),
  }))`);
}

/**
 * Waits for the row of `user`, clicks it and waits until it is selected and shows at least
 * `minSteps` steps (aria-selected changes in the same render as the step list; a live flow's later
 * calls arrive a moment after the page saw their answers). The error lists the rows there were.
 */
export function selectFlow(marionette: Marionette, user: string, minSteps = 1, timeoutMs = 10_000): Promise<void> {
  return inPanel(marionette, `async (document, wait, user, minSteps) => {
    const rowOf = () => [...document.querySelectorAll('[data-flow]')].find((row) => (row.textContent || '').includes(user));
    let row;
    try {
      row = await wait(rowOf, 'a flow row naming ' + user);
    } catch (error) {
      const rows = [...document.querySelectorAll('[data-flow]')].map((r) => r.textContent).join(' | ') || 'none';
      const count = document.querySelector('[data-count="calls"]')?.textContent || 'no call count shown';
      throw new Error(error.message + ' (rows: ' + rows + '; ' + count + ')');
    }
    row.click();
    const id = row.getAttribute('data-flow');
    await wait(() => [...document.querySelectorAll('[data-flow]')].find((r) => r.getAttribute('data-flow') === id)?.getAttribute('aria-selected') === 'true'
      && document.querySelectorAll('[data-step]').length >= minSteps, minSteps + ' steps in ' + user + "'s flow");
    return null;
  }`, [user, minSteps], timeoutMs);
}

export function steps(marionette: Marionette): Promise<StepView[]> {
  return inPanel(marionette, `async (document) => [...document.querySelectorAll('[data-step]')].map((node) => ({
    operation: node.getAttribute('data-operation'),
    challengeIn: node.getAttribute('data-challenge-in'),
    challengeOut: node.getAttribute('data-challenge-out'),
    handoff: node.getAttribute('data-handoff'),
    unreadable: node.getAttribute('data-unreadable') === 'true',
    text: node.textContent || '',
  }))`);
}

/** The diagnostics shown on the selected flow's step cards. */
export function diagnostics(marionette: Marionette): Promise<DiagnosticView[]> {
  return inPanel(marionette, `async (document) => [...document.querySelectorAll('[data-diagnostic]')].map((node) => ({
    code: node.getAttribute('data-diagnostic') || '', text: node.textContent || '',
  }))`);
}

/**
 * Selects the selected flow's last step named `operation` and shows its Request tab; resolves with
 * the keys that tab marks missing (the red rows, `data-key-state="missing"`).
 */
export function showRequest(marionette: Marionette, operation: string, timeoutMs = 10_000): Promise<string[]> {
  return inPanel(marionette, `async (document, wait, operation) => {
    const card = await wait(() => [...document.querySelectorAll('[data-step]')].filter((node) => node.getAttribute('data-operation') === operation).at(-1), 'a ' + operation + ' step');
    const id = card.getAttribute('data-step');
    if (!card.classList.contains('selected')) card.click();
    // Found again by id: a render may have replaced the node clicked. (The card carries .selected; its head button, aria-pressed.)
    await wait(() => [...document.querySelectorAll('[data-step]')].find((node) => node.getAttribute('data-step') === id)?.classList.contains('selected'), operation + ' selected');
    const tab = await wait(() => document.querySelector('[data-tab="request"]'), 'the Request tab');
    if (tab.getAttribute('aria-selected') !== 'true') tab.click();
    const body = await wait(() => document.querySelector('[data-tab-body="request"]'), 'the Request tab body');
    return [...body.querySelectorAll('[data-key-state="missing"]')].map((row) => row.getAttribute('data-key') || '');
  }`, [operation], timeoutMs);
}
