import { useEffect, useState } from 'preact/hooks';
import { onAnnounce } from '../announce';

/**
 * A polite status region, visually hidden, that speaks what `announce` says ("copied", "copied
 * (secret)") and each new status line of the replay editor ("Sending…", "Sent…", an error). The
 * editor is its own module: its `[data-replay-status]` is read, nothing in it is changed.
 */
export function LiveRegion() {
  // The count makes a repeated message ("copied" twice) a new text node, so it is spoken again.
  const [said, setSaid] = useState({ message: '', count: 0 });
  useEffect(() => {
    const say = (message: string) => setSaid((old) => ({ message, count: old.count + 1 }));
    let status = '';
    const observer = new MutationObserver(() => {
      const now = document.querySelector('[data-replay-status]')?.textContent ?? '';
      if (now !== status && now !== '') say(now);
      status = now;
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    const off = onAnnounce(say);
    return () => { off(); observer.disconnect(); };
  }, []);
  return (
    <div class="visually-hidden" role="status" aria-live="polite" data-live-region="">
      <span key={said.count}>{said.message}</span>
    </div>
  );
}
