/**
 * The one entry point of the panel UI: the devtools panel page and the HAR viewer both call
 * `mountPanel` with their own `PanelHost`.
 */
import { render } from 'preact';
import type { PanelHost } from './host';
import { App } from './components/App';
import './panel.css';

/** Renders the panel into `root`; returns a function that unmounts it (and stops the capture). */
export function mountPanel(root: HTMLElement, host: PanelHost): () => void {
  render(<App host={host} />, root);
  return () => render(null, root);
}
