import { useState } from 'preact/hooks';
import type { ReplayRequest } from '../../core/replay';
import { COMMAND_BUILDERS, type CommandKind } from '../../core/replay/commands';
import { copyText } from '../clipboard';

const KINDS: readonly { kind: CommandKind; label: string }[] = [
  { kind: 'curl', label: 'Copy as cURL' },
  { kind: 'fetch', label: 'Copy as fetch' },
  { kind: 'aws-cli', label: 'Copy as AWS CLI' },
];

/**
 * Copy the call as a command: masked by default, real secrets only with "with secrets". The text
 * is built on click and goes to the clipboard only, never into the DOM.
 */
export function CommandCopy({ request }: { request: () => ReplayRequest | string }) {
  const [withSecrets, setWithSecrets] = useState(false);
  const [status, setStatus] = useState('');
  const copy = async (kind: CommandKind) => {
    const built = request();
    if (typeof built === 'string') return setStatus(built);
    const ok = await copyText(COMMAND_BUILDERS[kind](built, { withSecrets }));
    setStatus(ok ? `Copied${withSecrets ? ' with secrets' : ' (secrets masked)'}.` : 'Copy failed.');
  };
  return (
    <div class="replay-copy">
      {KINDS.map(({ kind, label }) => (
        <button key={kind} type="button" class="button" data-action={`copy-${kind}`} onClick={() => void copy(kind)}>{label}</button>
      ))}
      <label><input type="checkbox" data-option="with-secrets" checked={withSecrets} onChange={(e) => setWithSecrets(e.currentTarget.checked)} /> with secrets</label>
      {status && <span class="muted" data-copy-status="">{status}</span>}
    </div>
  );
}
