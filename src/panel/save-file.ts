/**
 * Saves text as a file the user asked for (Export HAR): a Blob link clicked once, then revoked.
 * The only way the panel writes to disk, and only on the user's click.
 */
export function saveTextFile(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the click; the object URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
