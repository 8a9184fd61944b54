/**
 * What the panel bench does in the HAR viewer, as page source (installed before the viewer's
 * scripts): open flows and steps, move the cursor with ↓, type into the filter. Each action is
 * timed in the page from the event to its result rendered and laid out (see bench-browser.ts).
 * Only the viewer's public DOM hooks are used (data-flow, data-chain, data-step, data-details),
 * so the same bench runs against any version of the panel.
 */

export interface ViewerTimings {
  /** Per flow opened: click on its row → its chain and the selected step's details shown. */
  flows: number[];
  /** Per step opened: click on its card → its details shown. */
  steps: number[];
  /** Per ↓ in the list: keydown → the cursor row moved. */
  cursor: number[];
  /** Per keystroke typed then erased in the filter: input → the list rendered and laid out. */
  filter: number[];
  /** What was typed, and how many rows were in the DOM with all of it typed. */
  query: string;
  matchedRows: number;
}

/**
 * The page is ready when the list shows the whole file: `calls` Cognito calls, as the core counts
 * them for the same HAR (user-pool and identity-pool calls alike).
 */
export function viewerReady(calls: number): string {
  return `() => document.querySelector('[data-flow]') !== null
  && document.querySelector('[data-count="calls"]')?.textContent === '${calls} Cognito calls'`;
}

export const VIEWER_ACTIONS = `(() => {
  const q = (selector) => document.querySelector(selector);
  const rowIds = () => Array.from(document.querySelectorAll('[data-flow]'), (el) => el.getAttribute('data-flow'));
  const detailsEntry = () => q('[data-details]')?.getAttribute('data-details') ?? null;
  window.__viewerBench = {
    rowsInDom: () => document.querySelectorAll('[data-flow]').length,
    async run(flowCount, cursorMoves) {
      const b = window.__bench;
      const out = { flows: [], steps: [], cursor: [], filter: [], query: '', matchedRows: 0 };
      for (const id of rowIds().slice(0, flowCount)) {
        const row = q('[data-flow="' + CSS.escape(id) + '"]');
        out.flows.push(await b.timed(() => row.click(),
          () => detailsEntry() !== null && q('[data-chain="' + CSS.escape(id) + '"] [data-step="' + detailsEntry() + '"]') !== null));
        for (const card of Array.from(document.querySelectorAll('[data-chain="' + CSS.escape(id) + '"] [data-step]'))) {
          const entry = card.getAttribute('data-step');
          if (detailsEntry() === entry) continue;
          out.steps.push(await b.timed(() => card.click(), () => detailsEntry() === entry));
        }
      }
      const list = q('.flow-rows');
      list.focus();
      for (let i = 0; i < cursorMoves; i++) {
        const before = q('.flow-row.cursor')?.getAttribute('data-row-id') ?? null;
        out.cursor.push(await b.timed(
          () => list.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true })),
          () => (q('.flow-row.cursor')?.getAttribute('data-row-id') ?? null) !== before));
      }
      // A user's name as one would type it: narrows 500 rows to a few, then erased back to all.
      const user = q('[data-flow] .flow-user')?.textContent ?? 'user';
      const query = user.split('@')[0].slice(0, 10);
      out.query = query;
      const input = q('input.filter');
      input.focus();
      const type = (value) => () => { input.value = value; input.dispatchEvent(new Event('input', { bubbles: true })); };
      for (let i = 1; i <= query.length; i++) out.filter.push(await b.timed(type(query.slice(0, i)), () => true));
      out.matchedRows = window.__viewerBench.rowsInDom();
      for (let i = query.length - 1; i >= 0; i--) out.filter.push(await b.timed(type(query.slice(0, i)), () => true));
      return out;
    },
  };
})();`;
