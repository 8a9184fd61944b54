import { useState } from 'preact/hooks';
import type { RerunInput } from '../../core/replay/plan';

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
          return codeSteps.map((step) => (
            <Field key={`code-${step.entry}`} name="code" label={`Fresh ${step.challenge} code`} secret={false} stepEntry={step.entry}
              value={secrets.codes[step.entry] ?? ''} onInput={(code) => onChange({ ...secrets, codes: { ...secrets.codes, [step.entry]: code } })} />
          ));
        }
        const spec = LABELS[ask];
        return <Field key={ask} name={ask} label={spec.label} secret={spec.secret} value={secrets[spec.field]} onInput={(value) => onChange({ ...secrets, [spec.field]: value })} />;
      })}
    </div>
  );
}
