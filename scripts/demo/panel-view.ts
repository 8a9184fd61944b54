/**
 * Reading and clicking in the panel's DOM through its stable data-* hooks (data-flow, data-step,
 * data-diagnostic, data-token). Shared by the headless demo and the e2e tests.
 */
import type { ElementHandle, Frame } from 'puppeteer-core';

export interface FlowRow {
  /** The row's `data-flow` value (the flow id). */
  id: string;
  text: string;
  /** `data-outcome`: authenticated | failed | pending (null if the panel does not say). */
  outcome: string | null;
  selected: boolean;
}

export interface StepView {
  operation: string | null;
  challengeIn: string | null;
  challengeOut: string | null;
  handoff: string | null;
  text: string;
}

export async function flowRows(panel: Frame): Promise<FlowRow[]> {
  return panel.$$eval('[data-flow]', (rows) =>
    rows.map((row) => ({
      id: row.getAttribute('data-flow') ?? '',
      text: row.textContent ?? '',
      outcome: row.getAttribute('data-outcome'),
      selected: row.getAttribute('aria-selected') === 'true' || row.getAttribute('aria-current') === 'true' || row.classList.contains('selected'),
    })),
  );
}

/** Waits for a flow row whose text names `user` (the flows appear as entries arrive). */
export async function waitForFlow(panel: Frame, user: string, timeoutMs = 10_000): Promise<ElementHandle<Element>> {
  const handle = await panel.waitForFunction(
    (name: string) => [...document.querySelectorAll('[data-flow]')].find((row) => (row.textContent ?? '').includes(name)) ?? false,
    { timeout: timeoutMs },
    user,
  );
  return handle as ElementHandle<Element>;
}

/**
 * Selects the flow of `user` and waits for its steps. The row's aria-selected changes in the same
 * render as the step list, so once it is set the steps shown are this flow's, not the previous one's.
 */
export async function selectFlow(panel: Frame, user: string, timeoutMs = 10_000): Promise<void> {
  const row = await waitForFlow(panel, user, timeoutMs);
  const id = await row.evaluate((element) => element.getAttribute('data-flow') ?? '');
  await row.click();
  await panel.waitForFunction(
    (flow: string) =>
      document.querySelector(`[data-flow="${CSS.escape(flow)}"]`)?.getAttribute('aria-selected') === 'true' &&
      document.querySelector('[data-step]') !== null,
    { timeout: timeoutMs },
    id,
  );
}

/**
 * Waits until the selected flow's chain shows at least `count` steps. A page's call finishes before
 * DevTools hands its body to the panel, so a step can arrive a moment after the page moved on.
 */
export async function waitForSteps(panel: Frame, count: number, timeoutMs = 10_000): Promise<void> {
  await panel.waitForFunction((n: number) => document.querySelectorAll('[data-step]').length >= n, { timeout: timeoutMs }, count);
}

export async function steps(panel: Frame): Promise<StepView[]> {
  return panel.$$eval('[data-step]', (nodes) =>
    nodes.map((node) => ({
      operation: node.getAttribute('data-operation'),
      challengeIn: node.getAttribute('data-challenge-in'),
      challengeOut: node.getAttribute('data-challenge-out'),
      handoff: node.getAttribute('data-handoff'),
      text: node.textContent ?? '',
    })),
  );
}

export async function diagnostics(panel: Frame): Promise<{ code: string; text: string }[]> {
  return panel.$$eval('[data-diagnostic]', (nodes) =>
    nodes.map((node) => ({ code: node.getAttribute('data-diagnostic') ?? '', text: node.textContent ?? '' })),
  );
}

export async function tokenText(panel: Frame, kind: 'id' | 'access'): Promise<string> {
  return panel.$$eval(`[data-token="${kind}"]`, (nodes) => nodes.map((node) => node.textContent ?? '').join('\n'));
}

/** Opens the Tokens tab of the flow's last step (the one that issued them) and returns its text. */
export async function showTokens(panel: Frame, kind: 'id' | 'access' = 'id', timeoutMs = 10_000): Promise<string> {
  const cards = await panel.$$('[data-step]');
  const last = cards.at(-1);
  if (!last) throw new Error('no step to show tokens of: select a flow first');
  // The card's head: elsewhere on the card a click may land on a diagnostic's link to another step.
  await (await last.$('.step-head') ?? last).click();
  // The card's head is its button (aria-pressed when selected); the card itself carries .selected.
  await panel.waitForFunction((card: Element) => card.classList.contains('selected'), { timeout: timeoutMs }, last);
  const tab = await panel.waitForSelector('[data-tab="tokens"]', { timeout: timeoutMs });
  await tab?.click();
  await panel.waitForSelector(`[data-token="${kind}"]`, { timeout: timeoutMs });
  return tokenText(panel, kind);
}

/** Opens the Raw tab of the selected flow's first step and returns its request and response headers as text. */
export async function showRawHeaders(panel: Frame, timeoutMs = 10_000): Promise<string> {
  const first = await panel.$('[data-step]');
  if (!first) throw new Error('no step to show: select a flow first');
  await (await first.$('.step-head') ?? first).click();
  await panel.waitForFunction((card: Element) => card.classList.contains('selected'), { timeout: timeoutMs }, first);
  const tab = await panel.waitForSelector('[data-tab="raw"]', { timeout: timeoutMs });
  await tab?.click();
  await panel.waitForSelector('table.headers', { timeout: timeoutMs });
  return panel.$$eval('table.headers', (tables) => tables.map((table) => table.textContent ?? '').join('\n'));
}
