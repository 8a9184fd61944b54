import { useState } from 'preact/hooks';
import { copyText } from '../clipboard';

/** Copies exactly the text it is given (the caller passes what is shown: masked unless revealed). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState<'copied' | 'failed' | null>(null);
  const onClick = async () => {
    const ok = await copyText(text);
    setDone(ok ? 'copied' : 'failed');
    setTimeout(() => setDone(null), 1200);
  };
  return (
    <button type="button" class="link-button copy" title={`${label} (copies what is shown)`} data-copy={text} onClick={() => void onClick()}>
      {done === 'copied' ? 'copied' : done === 'failed' ? 'copy failed' : 'copy'}
    </button>
  );
}
