import type { Body } from '../../core/model';
import { SecretValue } from './SecretValue';

/** Says why a body is not shown as JSON: not captured, or not readable (with a preview). */
export function BodyNotice({ body, which }: { body: Body; which: 'request' | 'response' }) {
  if (body.state === 'json') return null;
  if (body.state === 'empty') return <p class="notice muted" data-body-state="empty">The {which} body is empty.</p>;
  if (body.state === 'not-captured') {
    return <p class="notice flagged" data-body-state="not-captured">⚑ The {which} body was not captured: {body.reason}.</p>;
  }
  return (
    <div class="notice flagged" data-body-state="unparseable">
      <p>⚑ The {which} body could not be read: {body.reason} ({body.length} chars).</p>
      {/* Typically JSON with an unquoted password: no key tells what is secret, so all of it is masked until revealed. */}
      <p class="unparseable-preview"><SecretValue value={body.preview} secret masked={`••••••• (${body.length} chars)`} name={`unreadable ${which} body`} /></p>
    </div>
  );
}
