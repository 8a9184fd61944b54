import { useState } from 'preact/hooks';
import type { RerunInput } from '../../core/replay/plan';
import { totpFromSecret } from '../../core/srp/totp';

/** What the user typed for a re-run: component memory only — never stored, exported or put in an attribute. */
export interface TypedSecrets {
  password: string;
  /** By the entry of the step that needs the code. */
  codes: Record<number, string>;
  clientSecret: string;
  userPoolId: string;
}

export const NO_SECRETS: TypedSecrets = { password: '', codes: {}, clientSecret: '', userPoolId: '' };

const LABELS: Record<Exclude<RerunInput, 'code'>, { label: string; secret: boolean; field: 'password' | 'clientSecret' | 'userPoolId' }> = {
  password: { label: 'Password', secret: true, field: 'password' },
  'client-secret': { label: 'App client secret (for SECRET_HASH)', secret: true, field: 'clientSecret' },
  'user-pool-id': { label: 'User pool id (for the SRP math)', secret: false, field: 'userPoolId' },
};

/** One typed value; secrets masked (type=password) until the user shows them. */
function Field({ name, label, secret, value, onInput, stepEntry }: {
  name: RerunInput; label: string; secret: boolean; value: string; onInput(value: string): void; stepEntry?: number;
}) {
  const [shown, setShown] = useState(false);
  return (
    <label class="rerun-field">
      <span>{label}</span>
      {secret && !shown
        ? <input class="mono" type="password" autocomplete="off" data-input={name} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
        : <input class="mono" type="text" autocomplete="off" spellcheck={false} data-input={name} data-step-entry={stepEntry} value={value} onInput={(e) => onInput(e.currentTarget.value)} />}
      {secret && <button type="button" class="link-button" onClick={() => setShown(!shown)}>{shown ? 'hide' : 'show'}</button>}
    </label>
  );
}

/**
 * For a SOFTWARE_TOKEN_MFA step: the code computed from the authenticator's base32 secret the user
 * pastes (RFC 6238), instead of reading it off a phone. The secret stays in this input only.
 */
function TotpHelper({ onCode }: { onCode(code: string): void }) {
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState('');
  const compute = async () => {
    const code = await totpFromSecret(secret, Date.now());
    setProblem(code === null ? 'Not a base32 secret.' : '');
    if (code !== null) onCode(code);
  };
  return (
    <span class="rerun-field">
      <input class="mono" type="password" autocomplete="off" placeholder="or paste the TOTP secret" data-input="totp-secret" value={secret}
        onInput={(e) => setSecret(e.currentTarget.value)} />
      <button type="button" class="link-button" data-action="compute-totp" onClick={() => void compute()}>compute code</button>
      {problem && <span class="replay-status error">{problem}</span>}
    </span>
  );
}

/** The inputs a re-run asks for: password, a fresh code per code step, client secret, user pool id. */
export function RerunInputs({ asks, codeSteps, secrets, onChange }: {
  asks: readonly RerunInput[];
  /** Entry and challenge of each step that needs a fresh code. */
  codeSteps: readonly { entry: number; challenge: string }[];
  secrets: TypedSecrets;
  onChange(next: TypedSecrets): void;
}) {
  return (
    <div class="rerun-inputs">
      {asks.map((ask) => {
        if (ask === 'code') {
          return codeSteps.map((step) => {
            const setCode = (code: string) => onChange({ ...secrets, codes: { ...secrets.codes, [step.entry]: code } });
            return (
              <span key={`code-${step.entry}`} class="rerun-code">
                <Field name="code" label={`Fresh ${step.challenge} code`} secret={false} stepEntry={step.entry} value={secrets.codes[step.entry] ?? ''} onInput={setCode} />
                {step.challenge === 'SOFTWARE_TOKEN_MFA' && <TotpHelper onCode={setCode} />}
              </span>
            );
          });
        }
        const spec = LABELS[ask];
        return <Field key={ask} name={ask} label={spec.label} secret={spec.secret} value={secrets[spec.field]} onInput={(value) => onChange({ ...secrets, [spec.field]: value })} />;
      })}
    </div>
  );
}
