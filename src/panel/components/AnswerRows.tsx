import type { ExpectedKeys } from '../../core/model';
import type { MaskedDraft } from '../../core/replay/draft';
import { answerRows, removeAnswerKey, setAnswerValue, type AnswerField, type AnswerRow } from '../../core/replay/answer-rows';

interface Props {
  draft: MaskedDraft;
  field: AnswerField;
  expected: ExpectedKeys | null;
  revealed: boolean;
  onChange(draft: MaskedDraft): void;
}

/**
 * The replay editor's rows view: the answer map of the draft, one row per key, with a row to fill
 * for each key the step needs and lacks. It edits the same draft as the JSON view below it, so the
 * check follows every keystroke in either. A secret row stays masked until revealed: its input is
 * a password field holding only what the user types there (the kept value never enters the DOM).
 */
export function AnswerRows({ draft, field, expected, revealed, onChange }: Props) {
  const view = answerRows(draft, field, expected);
  if (!view.ok) return <p class="muted answer-rows-off" data-answer-rows-off="">{view.reason}</p>;
  const edit = (row: AnswerRow, value: string) => {
    const next = setAnswerValue(draft, field, row.key, value, !revealed);
    if (next) onChange(next);
  };
  const remove = (row: AnswerRow) => {
    const next = removeAnswerKey(draft, field, row.key);
    if (next) onChange(next);
  };
  return (
    <div class="answer-rows" data-answer-rows={field}>
      <table class="kv answer-table">
        <caption>{field} <span class="muted">(the JSON below edits the same body)</span></caption>
        <tbody>
          {view.rows.map((row) => (
            <tr key={row.key} class={row.state !== 'present' && row.why ? 'missing' : undefined} data-answer-row={row.key} data-state={row.state} data-missing={row.state === 'missing' ? 'true' : undefined}>
              <th scope="row" title={row.key}>{row.key}</th>
              <td>
                <AnswerInput row={row} field={field} revealed={revealed} onInput={(value) => edit(row, value)} />
                <div class="why">
                  {row.state !== 'present' && row.why && <span class="missing-label">{row.state} </span>}
                  {row.why ? `needed: ${row.why}` : 'not required here'}
                </div>
              </td>
              <td class="answer-remove">
                {row.state !== 'missing' && (
                  <button type="button" class="link-button" data-action="remove-answer-key" aria-label={`Remove ${row.key}`} onClick={() => remove(row)}>remove</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.missing.length > 0
        ? <p class="replay-json-error" data-answer-check="missing">Still needed: {view.missing.join(', ')}.</p>
        : <p class="muted" data-answer-check="ok">Every key this step needs is there.</p>}
    </div>
  );
}

function AnswerInput({ row, field, revealed, onInput }: { row: AnswerRow; field: AnswerField; revealed: boolean; onInput(value: string): void }) {
  const label = `${field}.${row.key}`;
  if (row.notString) {
    return <input class="mono" type="text" readOnly value={row.text} aria-label={label} title="Not a string: edit it in the JSON view below." />;
  }
  if (row.secret && !revealed) {
    // Uncontrolled: it shows what the user types (as dots), never the kept value.
    const hint = row.masked ? `masked (${row.length} chars): type to replace` : 'type the value';
    return <input key="masked" class="mono" type="password" autocomplete="off" aria-label={label} placeholder={hint} onInput={(e) => onInput(e.currentTarget.value)} />;
  }
  return <input key="plain" class="mono" type="text" autocomplete="off" spellcheck={false} aria-label={label} value={row.text} onInput={(e) => onInput(e.currentTarget.value)} />;
}
