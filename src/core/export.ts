/**
 * "Export HAR" from the panel: the captured entries as a HAR 1.2 file, redacted by default
 * (`share`: secrets masked, chains still link; `strict`: who the user is hidden too). Unmasked
 * only when the user picks it. The panel saves the text; nothing here touches a disk.
 */
import type { Har, HarEntry } from './har';
import { PROFILES, redactHar } from './redact';

export type ExportMode = 'share' | 'strict' | 'unmasked';

export const EXPORT_MODES: readonly { mode: ExportMode; label: string }[] = [
  { mode: 'share', label: 'secrets masked' },
  { mode: 'strict', label: 'user masked too' },
  { mode: 'unmasked', label: 'unmasked' },
];

export function exportHar(entries: readonly HarEntry[], mode: ExportMode, creatorVersion: string): Har {
  const har: Har = {
    log: { version: '1.2', creator: { name: 'Cognito Flow Inspector', version: creatorVersion }, entries: entries.slice() },
  };
  return mode === 'unmasked' ? har : redactHar(har, PROFILES[mode]);
}

/** `cognito-flow-2026-11-23T10-04-05.har`, or `…-unmasked.har` so the file says what it holds. */
export function exportFileName(at: Date, mode: ExportMode): string {
  const stamp = Number.isFinite(at.getTime()) ? at.toISOString().slice(0, 19).replace(/:/g, '-') : 'capture';
  return `cognito-flow-${stamp}${mode === 'unmasked' ? '-unmasked' : ''}.har`;
}
