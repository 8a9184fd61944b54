import { useState } from 'preact/hooks';
import { copyText } from '../clipboard';
import { announce } from '../announce';

export interface CopyButtonProps {
  /** Exactly what goes on the clipboard. */
  text: string;
  /** What is copied, for the button's accessible name: "Session" makes "Copy Session". */
  what: string;
  /**
   * The text is a secret shown masked: copying it is the user's explicit act on this one value
   * (issue 8: "copy copies the value"), so it copies the real value and says "copied (secret)".
   * Nothing else copies a secret: bodies and exports copy what is shown.
   */
  secret?: boolean;
}

type Done = 'copied' | 'copied (secret)' | 'failed';

/** A small "copy" button named by what it copies; the result is shown on it and announced. */
export function CopyButton({ text, what, secret = false }: CopyButtonProps) {
  const [done, setDone] = useState<Done | null>(null);
  const onClick = async () => {
    const ok = await copyText(text);
    const result: Done = !ok ? 'failed' : secret ? 'copied (secret)' : 'copied';
    setDone(result);
    announce(result);
    setTimeout(() => setDone(null), 1200);
  };
  const name = `Copy ${what}`;
  return (
    <button type="button" class="link-button copy" aria-label={name} title={name} onClick={() => void onClick()}>
      {done ?? 'copy'}
    </button>
  );
}
