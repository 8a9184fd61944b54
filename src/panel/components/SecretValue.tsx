import { useState } from 'preact/hooks';
import { maskedText } from '../../core/view/secrets';
import { CopyButton } from './CopyButton';

export interface SecretValueProps {
  value: string;
  secret: boolean;
  /** What a secret shows until revealed; by default its length only. A JSON object passes itself with its secrets masked. */
  masked?: string | null;
  /** What the value is (its key or header name), to name the buttons: "Copy Session", "Reveal Session". */
  name: string;
}

/**
 * A captured value as text, on one line (ellipsis; the full text on hover unless it is masked). A
 * secret shows masked until the user clicks Reveal. Copy copies the real value (masked on screen,
 * announced as "copied (secret)"): the one explicit act that puts a secret on the clipboard.
 */
export function SecretValue({ value, secret, masked, name }: SecretValueProps) {
  const [revealed, setRevealed] = useState(false);
  const hidden = secret && !revealed;
  const shown = hidden ? (masked ?? maskedText(value)) : value;
  return (
    <span class={`value${hidden ? ' masked' : ''}`} data-secret={secret ? (hidden ? 'masked' : 'revealed') : undefined}>
      <span class="value-text" title={shown}>{shown}</span>
      {secret && (
        <button type="button" class="link-button reveal" onClick={() => setRevealed(!revealed)}
          aria-label={`Reveal ${name}`} aria-pressed={revealed}>
          {revealed ? 'hide' : 'reveal'}
        </button>
      )}
      <CopyButton text={value} what={name} secret={secret} />
    </span>
  );
}
