import { useEffect, useState } from 'preact/hooks';
import { onAnnounce } from '../announce';

/** A polite status region, visually hidden, that speaks what `announce` says. */
export function LiveRegion() {
  // The count makes a repeated message ("copied" twice) a new text node, so it is spoken again.
  const [said, setSaid] = useState({ message: '', count: 0 });
  useEffect(() => onAnnounce((message) => setSaid((old) => ({ message, count: old.count + 1 }))), []);
  return (
    <div class="visually-hidden" role="status" aria-live="polite" data-live-region="">
      <span key={said.count}>{said.message}</span>
    </div>
  );
}
