import { useState } from 'preact/hooks';
import { maskedText } from '../../core/view/secrets';
import { CopyButton } from './CopyButton';

/**
 * A captured value as text. A secret shows masked until the user clicks Reveal; Copy copies what
 * is on screen, so a masked value is copied masked.
 */
export function SecretValue({ value, secret }: { value: string; secret: boolean }) {
  const [revealed, setRevealed] = useState(false);
  const masked = secret && !revealed;
  const shown = masked ? maskedText(value) : value;
  return (
    <span class={`value${masked ? ' masked' : ''}`} data-secret={secret ? (masked ? 'masked' : 'revealed') : undefined}>
      <span class="value-text">{shown}</span>
      {secret && (
        <button type="button" class="link-button reveal" onClick={() => setRevealed(!revealed)} title={revealed ? 'Mask this value' : 'Reveal this value'}>
          {revealed ? 'hide' : 'reveal'}
        </button>
      )}
      <CopyButton text={shown} />
    </span>
  );
}
