/**
 * The candidate index (src/core/candidate-index.ts) must pick exactly the flow the linker's former
 * scan over every flow picked: same user (USERNAME or internal name) and client (or a flow with no
 * client yet); open first, then active last, then created last. Checked against that scan on
 * random histories of flows changing user, client, outcome and activity.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandidateIndex, type CandidateFacts } from '../../src/core/candidate-index';

interface Flow { facts: CandidateFacts }

/** The linker's former way: look at every flow. */
function scan(flows: readonly Flow[], user: string | null, clientId: string | undefined): Flow | undefined {
  if (!user && !clientId) return undefined;
  let best: Flow | undefined;
  for (const flow of flows) {
    const f = flow.facts;
    if (clientId && f.clientId && f.clientId !== clientId) continue;
    if (user && f.user !== user && f.internalUser !== user) continue;
    const b = best?.facts;
    const later = b !== undefined && (f.endedAt > b.endedAt || (f.endedAt === b.endedAt && f.order > b.order));
    if (!b || (f.open && !b.open) || (f.open === b.open && later)) best = flow;
  }
  return best;
}

const name = fc.constantFrom(null, '', 'alice', 'bob', 'sub-1');
const client = fc.constantFrom(null, '', 'c1', 'c2');
const step = fc.oneof(
  fc.record({ kind: fc.constant('new' as const), user: name, internalUser: name, clientId: client, endedAt: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant('update' as const), which: fc.nat(), user: name, internalUser: name, clientId: client, open: fc.boolean(), endedAt: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant('query' as const), user: name, clientId: fc.constantFrom(undefined, '', 'c1', 'c2') }),
);

describe('CandidateIndex', () => {
  it('picks what a scan of every flow picks, on random histories', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
      const flows: Flow[] = [];
      const index = new CandidateIndex<Flow>((flow) => flow.facts);
      for (const s of steps) {
        if (s.kind === 'new') {
          const flow = { facts: { user: s.user, internalUser: s.internalUser, clientId: s.clientId, open: true, endedAt: s.endedAt, order: flows.length } };
          flows.push(flow);
          index.changed(flow);
        } else if (s.kind === 'update' && flows.length > 0) {
          const flow = flows[s.which % flows.length]!;
          flow.facts = { ...s, order: flow.facts.order };
          index.changed(flow);
        } else if (s.kind === 'query') {
          expect(index.best(s.user, s.clientId)).toBe(scan(flows, s.user, s.clientId));
        }
      }
    }), { numRuns: 500 });
  });

  it('prefers an open flow of the same user, then the one active last', () => {
    const index = new CandidateIndex<string>(() => { throw new Error('only remember() files here'); });
    const facts = (over: Partial<CandidateFacts>): CandidateFacts => ({ user: 'alice', internalUser: null, clientId: 'c1', open: true, endedAt: 0, order: 0, ...over });
    index.remember('done', facts({ open: false, endedAt: 9, order: 0 }));
    index.remember('older', facts({ endedAt: 3, order: 1 }));
    index.remember('newer', facts({ endedAt: 5, order: 2 }));
    index.remember('other client', facts({ clientId: 'c2', endedAt: 8, order: 3 }));
    expect(index.best('alice', 'c1')).toBe('newer');
    index.remember('newer', facts({ open: false, endedAt: 6, order: 2 }));
    expect(index.best('alice', 'c1')).toBe('older');
    expect(index.best('alice', undefined)).toBe('other client');
    expect(index.best(null, 'c2')).toBe('other client');
    expect(index.best(null, undefined)).toBeUndefined();
  });
});
