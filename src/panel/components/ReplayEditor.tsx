import { useState } from 'preact/hooks';
import type { HarEntry } from '../../core/har';
import type { CognitoCall } from '../../core/model';
import type { ReplayRequest } from '../../core/replay';
import { buildReplay, replayDraft, replayRefusal } from '../../core/replay';
import { callReplayTarget } from '../../core/replay/target';
import { ReplayTargetNote } from './ReplayTargetNote';

export interface ReplayEditorProps {
  call: CognitoCall;
  send(request: ReplayRequest): Promise<HarEntry>;
  /** Receives the replay's entry, to append to the capture. */
  onReplayed(entry: HarEntry): void;
}

/**
 * "Edit & replay": the request body in a textarea; Send (only on click) re-sends it to the same
 * endpoint and the result joins the chain. Sessions are single-use, so a replay of an answer
 * usually needs a fresh Session: the note says so.
 */
export function ReplayEditor({ call, send, onReplayed }: ReplayEditorProps) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<{ kind: 'error' | 'busy' | 'done'; text: string } | null>(null);
  const refusal = replayRefusal(call);

  if (refusal !== null) return <p class="muted replay-refused" data-replay-refused="">Replay not available: {refusal}</p>;
  if (!open) {
    return (
      <button type="button" class="button" data-action="edit-replay" onClick={() => { setText(replayDraft(call)); setStatus(null); setOpen(true); }}>
        Edit &amp; replay
      </button>
    );
  }
  const onSend = async () => {
    const built = buildReplay(call, text);
    if (!built.ok) {
      setStatus({ kind: 'error', text: built.reason });
      return;
    }
    setStatus({ kind: 'busy', text: 'Sending…' });
    try {
      const entry = await send(built.request);
      onReplayed(entry);
      setStatus({ kind: 'done', text: 'Sent: the result is in the chain, marked ↻ replay.' });
    } catch (error) {
      setStatus({ kind: 'error', text: error instanceof Error ? error.message : 'The replay failed.' });
    }
  };
  return (
    <div class="replay" data-replay-editor="">
      <ReplayTargetNote target={callReplayTarget(call)} />
      <p class="muted">Edit the request body and send it again. Sessions are single-use: answering a challenge again needs the latest Session.</p>
      <textarea class="replay-text mono" spellcheck={false} value={text} onInput={(e) => setText(e.currentTarget.value)} rows={12} aria-label="Request body to replay" />
      <div class="replay-actions">
        <button type="button" class="button primary" data-action="send-replay" disabled={status?.kind === 'busy'} onClick={() => void onSend()}>Send</button>
        <button type="button" class="button" onClick={() => setOpen(false)}>Cancel</button>
        {status && <span class={`replay-status ${status.kind}`} data-replay-status={status.kind}>{status.text}</span>}
      </div>
    </div>
  );
}
