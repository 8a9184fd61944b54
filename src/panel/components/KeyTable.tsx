import type { KeyRow } from '../../core/view/request-keys';
import { SecretValue } from './SecretValue';

/** Keys sent, and the missing ones as red rows named "missing", each with why it is needed. */
export function KeyTable({ rows, caption }: { rows: readonly KeyRow[]; caption: string | null }) {
  if (rows.length === 0) return null;
  return (
    <table class="kv" data-key-table={caption ?? 'request'}>
      {caption && <caption>{caption}</caption>}
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.state}-${row.key}`} class={row.state === 'missing' ? 'missing' : undefined} data-key={row.key} data-key-state={row.state}>
            <th scope="row" title={row.key}>{row.key}</th>
            <td>
              {row.value === null ? <span class="missing-label">missing</span> : <SecretValue value={row.value} secret={row.secret} masked={row.masked} name={row.key} />}
              {/* Under the value, not a third column: the value keeps the width, the reason wraps as prose. */}
              {row.why && <div class="why">needed: {row.why}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
