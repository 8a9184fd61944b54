import { useState } from 'preact/hooks';
import { EXPORT_MODES, type ExportMode } from '../../core/export';

export interface ExportControlProps {
  disabled: boolean;
  onExport(mode: ExportMode): void;
}

/**
 * Export HAR, masked by default. The choice of what to mask sits next to the button, so an
 * unmasked export is always a deliberate second choice, and it resets to masked after use.
 */
export function ExportControl({ disabled, onExport }: ExportControlProps) {
  const [mode, setMode] = useState<ExportMode>('share');
  return (
    <span class="tool-group">
      <button type="button" class="tool" data-action="export" disabled={disabled}
        title="Export HAR" onClick={() => { onExport(mode); setMode('share'); }}>
        <span class="tool-icon" aria-hidden="true">⤓</span> <span class="tool-label">Export HAR</span>
      </button>
      <select class="tool-select" data-action="export-mode" aria-label="What the export masks" value={mode}
        onChange={(e) => setMode(e.currentTarget.value as ExportMode)}>
        {EXPORT_MODES.map((m) => <option key={m.mode} value={m.mode}>{m.label}</option>)}
      </select>
    </span>
  );
}
