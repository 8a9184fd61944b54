/** Base64 text decoding that is total (undefined instead of an exception) and UTF-8 aware. */

/** Decodes standard base64 into UTF-8 text; undefined when it is not base64. */
export function decodeBase64Text(text: string): string | undefined {
  try {
    // atob is in every browser and in Node >= 16; it yields one char per byte, so re-read as UTF-8.
    const binary = (globalThis as { atob?: (s: string) => string }).atob?.(text);
    if (binary === undefined) return undefined;
    let ascii = true;
    for (let i = 0; i < binary.length; i++) if (binary.charCodeAt(i) > 0x7f) { ascii = false; break; }
    if (ascii) return binary;
    return decodeURIComponent(Array.from(binary, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  } catch {
    return undefined;
  }
}
