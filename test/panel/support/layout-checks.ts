/** Layout checks shared by the viewer's and the extension's layout tests (issue 8). */
import type { Frame, Page } from 'puppeteer-core';

/** Text of values (not prose) that takes more than two lines, with where it is. */
export const wrappedValues = (page: Page | Frame) => page.evaluate(() => {
  const selector = '.value-text, .step-op, .step-head, .challenge, .flow-user, .flow-meta, .flow-counts, table.kv th, table.kv td.clip, .tab, .tool, .count, .details-title, .handoff-label, .back-title';
  const bad: string[] = [];
  for (const el of document.querySelectorAll<HTMLElement>(selector)) {
    if (el.offsetParent === null) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 2) bad.push(`${el.className}: "${node.textContent.slice(0, 40)}" on ${tops.size} lines`);
    }
  }
  return bad;
});
