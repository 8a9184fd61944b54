import type { AnswerOutcome, ReplayDiff } from '../../core/replay/diff';

function outcomeText(outcome: AnswerOutcome): string {
  const parts = [outcome.status === 0 ? 'no response' : `HTTP ${outcome.status}`];
  if (outcome.error) parts.push(outcome.error);
  if (outcome.challenge) parts.push(`challenge ${outcome.challenge}`);
  if (outcome.tokens) parts.push('tokens');
  return parts.join(', ');
}

const CHANGE_MARK = { added: '+', removed: '−', changed: '~' } as const;

/** What a replay changed against the original call: keys sent (values masked as elsewhere) and the outcome. */
export function ReplayDiffView({ diff }: { diff: ReplayDiff }) {
  return (
    <div class="replay-diff" data-replay-diff="">
      <p class="replay-diff-head">Against the original call</p>
      <p data-diff-outcome={diff.outcomeChanged.length ? 'changed' : 'same'}>
        Answer: {outcomeText(diff.before)} → <strong>{outcomeText(diff.after)}</strong>
        {diff.outcomeChanged.length === 0 && ' (as before)'}
      </p>
      {diff.keys.length === 0
        ? <p class="muted" data-diff-keys="none">Keys sent: the same as the original.</p>
        : (
          <ul class="replay-diff-keys">
            {diff.keys.map((k) => (
              <li key={k.key} data-diff-key={k.key} data-change={k.change}>
                <span class="mono">{CHANGE_MARK[k.change]} {k.key}</span>{' '}
                <span class="muted">
                  {k.change === 'added' && `added: ${k.after ?? ''}`}
                  {k.change === 'removed' && `removed (was ${k.before ?? ''})`}
                  {k.change === 'changed' && (k.secret ? `changed (secret): ${k.before ?? ''} → ${k.after ?? ''}` : `${k.before ?? ''} → ${k.after ?? ''}`)}
                </span>
              </li>
            ))}
          </ul>
        )}
    </div>
  );
}
