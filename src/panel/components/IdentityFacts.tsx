import type { Step } from '../../core/model';
import { identityFacts } from '../../core/view/identity-view';

/** An identity-pool step's facts on its card: provider, identity, role, credentials' expiry. Text only. */
export function IdentityFacts({ step }: { step: Step }) {
  const facts = identityFacts(step);
  if (facts.length === 0) return null;
  return (
    <dl class="identity-facts" data-identity="true">
      {facts.map((fact, i) => (
        <div class={`identity-fact${fact.problem ? ' problem' : ''}`} data-fact={fact.name} key={`${fact.name}-${i}`}>
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
