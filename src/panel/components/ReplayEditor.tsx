import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import type { HarEntry } from '../../core/har';
import type { CognitoCall, Flow } from '../../core/model';
import type { ReplayRequest } from '../../core/replay';
import type { MaskedDraft } from '../../core/replay/draft';
import type { ReplayDiff } from '../../core/replay/diff';
import { replayRefusal } from '../../core/replay';
import { ReplayDiffView } from './ReplayDiffView';

export interface ReplayEditorProps {
  call: CognitoCall;
  /** The flow the call belongs to (null for calls outside any flow): what a re-run replays. */
  flow?: Flow | null;
  /** Every flow of the capture (the user pool id may come from another flow's tokens). */
  flows?: readonly Flow[];
  send(request: ReplayRequest): Promise<HarEntry>;
  /** Receives the replay's entry, to append to the capture; returns its entry index when known. */
  onReplayed(entry: HarEntry): number | void;
  /** Selects the entry (the replay's result) in the chain. */
  onShow?(entry: number): void;
}

/**
 * Drafts survive switching steps or tabs (memory only, gone with the panel). Keyed by the captured
 * entry itself, not its index: after Clear, indices are reused by other calls.
 */
export const drafts = new WeakMap<HarEntry, { draft: MaskedDraft; revealed: boolean }>();

export interface ReplayOutcome {
  kind: 'done' | 'error';
  text: string;
  /** What the replay changed against the call it replays (keys sent, the answer's outcome). */
  diff?: ReplayDiff;
}

/**
 * What a send or re-run came to, kept on the replay's own entry: the panel selects that entry
 * afterwards, so the message shows where the user now is.
 */
export const outcomes = new WeakMap<HarEntry, ReplayOutcome>();

type Body = ComponentType<ReplayEditorProps & { onClose(): void }>;
let loaded: Body | null = null;

/**
 * "Edit & replay" for a step: the button, or the reason a replay is impossible. The editor itself
 * (SRP, re-run, command builders) is loaded on the first click, off the panel's start-up path.
 * A step with a kept draft opens its editor again.
 */
export function ReplayEditor(props: ReplayEditorProps) {
  const { call } = props;
  const [open, setOpen] = useState(drafts.has(call.har));
  // A component is a function: wrapped, so useState stores it instead of calling it.
  const [body, setBody] = useState<Body | null>(() => loaded);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!open || body) return;
    import('./ReplayEditorBody').then((module) => {
      loaded = module.ReplayEditorBody;
      setBody(() => loaded);
    }, (error: unknown) => setFailed(error instanceof Error ? error.message : 'the editor did not load'));
  }, [open, body]);

  const refusal = replayRefusal(call);
  const outcome = outcomes.get(call.har);
  const said = outcome && (
    <>
      <p class={`replay-status ${outcome.kind}`} data-replay-status={outcome.kind}>{outcome.text}</p>
      {outcome.diff && <ReplayDiffView diff={outcome.diff} />}
    </>
  );
  if (refusal !== null) return <p class="muted replay-refused" data-replay-refused="">Replay not available: {refusal}</p>;
  if (!open) {
    return (
      <>
        {said}
        <button type="button" class="button" data-action="edit-replay" onClick={() => setOpen(true)}>Edit &amp; replay</button>
      </>
    );
  }
  if (failed) return <p class="replay-status error">The replay editor could not load: {failed}</p>;
  const Editor = body;
  return Editor ? <Editor {...props} onClose={() => setOpen(false)} /> : <p class="muted">Loading the editor…</p>;
}
