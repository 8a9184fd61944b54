/**
 * The panel's one live region: short messages a screen reader speaks ("copied", "copied (secret)",
 * "Sending…", "Sent"). Components call `announce`; the App's LiveRegion shows the latest message.
 */
type Listener = (message: string) => void;

const listeners = new Set<Listener>();

export function announce(message: string): void {
  for (const listener of listeners) listener(message);
}

/** Subscribes to announcements; returns the unsubscribe function. */
export function onAnnounce(listener: Listener): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}
