import { useState } from 'preact/hooks';
import type { HarHeader } from '../../core/har';
import type { CognitoCall } from '../../core/model';
import { isSecretHeader, maskBodyText } from '../../core/view/secrets';
import { prettyJsonText } from '../../core/view/format';
import { decodeBase64Text } from '../../core/base64';
import { CopyButton } from './CopyButton';
import { SecretValue } from './SecretValue';

function Headers({ headers, caption }: { headers: unknown; caption: string }) {
  const list = Array.isArray(headers) ? (headers as HarHeader[]).filter((h) => typeof h?.name === 'string') : [];
  return (
    <table class="kv headers">
      <caption>{caption}</caption>
      <tbody>
        {list.map((h, i) => (
          <tr key={`${h.name}-${i}`}>
            <th scope="row" title={h.name}>{h.name}</th>
            <td><SecretValue value={typeof h.value === 'string' ? h.value : ''} secret={isSecretHeader(h.name)} name={`header ${h.name}`} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BodyText({ text, caption }: { text: string | undefined; caption: string }) {
  const [revealed, setRevealed] = useState(false);
  if (text === undefined) return <p class="muted">{caption}: not captured.</p>;
  const shown = revealed ? prettyJsonText(text) : maskBodyText(text);
  return (
    <div class="raw-body">
      <div class="raw-body-head">
        <span>{caption}</span>
        <button type="button" class="link-button reveal" aria-pressed={revealed} aria-label={`${revealed ? 'Mask secrets in' : 'Reveal secrets in'} ${caption.toLowerCase()}`}
          onClick={() => setRevealed(!revealed)}>{revealed ? 'mask secrets' : 'reveal secrets'}</button>
        {/* A whole body copies what is shown: masked unless revealed. */}
        <CopyButton text={shown} what={caption.toLowerCase()} />
      </div>
      <pre class="json" data-raw-body={caption}>{shown}</pre>
    </div>
  );
}

/** Headers and bodies as captured, pretty JSON, secrets masked until revealed. */
export function RawTab({ call }: { call: CognitoCall }) {
  const har = call.har;
  const content = har.response?.content;
  const encoded = content?.encoding === 'base64';
  return (
    <div class="tab-body" data-tab-body="raw">
      <p class="mono">{call.method} {call.url} → {call.status}</p>
      <Headers headers={har.request?.headers} caption="Request headers" />
      <BodyText text={har.request?.postData?.text} caption="Request body" />
      <Headers headers={har.response?.headers} caption="Response headers" />
      {encoded && <p class="muted">Captured base64-encoded (decoded here).</p>}
      {/* Decoded so its secrets can be masked like any JSON body. */}
      <BodyText text={encoded && content?.text !== undefined ? (decodeBase64Text(content.text) ?? content.text) : content?.text} caption="Response body" />
    </div>
  );
}
