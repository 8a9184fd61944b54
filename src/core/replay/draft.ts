/**
 * The replay editor's draft with its secrets masked: opening the editor must not put a password
 * or Session on screen (one click away from a screen share). Each secret string becomes a
 * placeholder the user can leave as it is; on Send the placeholders are put back.
 */
import { mapJsonStrings } from '../redact';
import { isSecretKey } from '../view/secrets';

export interface MaskedDraft {
  /** Pretty JSON with `‹secret N: KEY›` in place of each secret value. */
  text: string;
  /** Placeholder → the real value (memory only, never rendered). */
  vault: Readonly<Record<string, string>>;
}

export function maskDraft(value: unknown): MaskedDraft {
  const vault: Record<string, string> = {};
  let n = 0;
  const masked = mapJsonStrings(value, (key, item) => {
    if (!isSecretKey(key, item)) return undefined;
    n += 1;
    const placeholder = `‹secret ${n}: ${key}›`;
    vault[placeholder] = item;
    return placeholder;
  });
  return { text: JSON.stringify(masked, null, 2), vault };
}

/** The draft with every placeholder still in it replaced by its real value (as a JSON string). */
export function unmaskDraft(text: string, vault: Readonly<Record<string, string>>): string {
  let out = text;
  for (const [placeholder, real] of Object.entries(vault)) out = out.split(JSON.stringify(placeholder)).join(JSON.stringify(real));
  return out;
}

/** Where a draft stops being JSON, for the editor to mark while the user types; null when it parses. */
export function draftJsonError(text: string): { message: string; line: number; column: number } | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : 'not JSON';
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    if (lineColumn) return { message, line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
    const position = /position (\d+)/.exec(message);
    const at = position ? Number(position[1]) : text.length;
    const before = text.slice(0, at).split('\n');
    return { message, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
  }
}
