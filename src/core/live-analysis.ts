/**
 * The analysis of a capture that grows (the live panel): the same `Analysis` as `analyzeEntries`
 * over all the entries so far, but each update costs what the new entries cost. New entries are
 * classified once (bodies parsed once), their calls continue the flows already linked, and only
 * the new steps are diagnosed: a step's diagnostics depend on the step and on what its flow looked
 * like when it was sent (its StepContext, fixed when it is linked), never on later steps (the one
 * look at the flow itself, in handoff.ts, is at its first step). When a new call started before
 * one already linked (entries arrive in finishing order), linking starts over from the first
 * call: same answer, the old cost, for that update only.
 */
import type { AnalyzeOptions, Analysis, CognitoCall, Diagnostic, Flow, IgnoredEntry } from './model';
import { resolveOptions } from './analyze';
import { classifyEntry } from './calls';
import { createLinker, type Linker } from './flows';
import { diagnose } from './diagnostics/index';
import type { ResolvedOptions } from './diagnostics/types';

export class LiveAnalysis {
  private readonly options: ResolvedOptions;
  /** The entries list analysed so far (appended to between updates) and how much of it. */
  private source: readonly unknown[] | null = null;
  private seen = 0;
  private readonly calls: CognitoCall[] = [];
  private readonly ignored: IgnoredEntry[] = [];
  private linker: Linker;
  /** Diagnostics of each flow, by flow id, and how many of its steps they cover; and of the calls in no flow. */
  private byFlow = new Map<string, { steps: number; diagnostics: Diagnostic[] }>();
  private standaloneDiagnostics: Diagnostic[] = [];
  /** Calls in no flow already diagnosed (the linker appends new ones to its list). */
  private standaloneSeen = 0;
  /** What the last Analysis showed of each flow: a flow that did not change keeps its object. */
  private shown = new Map<Flow, Flow>();
  private latest: Analysis | null = null;

  constructor(options?: AnalyzeOptions) {
    this.options = resolveOptions(options);
    this.linker = createLinker(this.options.sessionValidityMinutes * 60_000);
  }

  /**
   * The analysis of `entries`: the list given last time with entries appended, or any other list
   * (then it starts over). Returns the same object when nothing was added.
   */
  update(entries: readonly unknown[]): Analysis {
    if (entries !== this.source || entries.length < this.seen) this.reset(entries);
    if (this.latest && entries.length === this.seen) return this.latest;
    const added: CognitoCall[] = [];
    for (let index = this.seen; index < entries.length; index++) {
      const classified = classifyEntry(entries[index], index);
      if (classified.kind === 'cognito') added.push(classified.call);
      else this.ignored.push(classified.ignored);
    }
    this.seen = entries.length;
    this.calls.push(...added);
    if (!this.linker.add(added)) this.relink();
    return (this.latest = this.snapshot());
  }

  private reset(entries: readonly unknown[]): void {
    this.source = entries;
    this.seen = 0;
    this.calls.length = 0;
    this.ignored.length = 0;
    this.linker = createLinker(this.options.sessionValidityMinutes * 60_000);
    this.forgetDiagnostics();
    this.latest = null;
  }

  private forgetDiagnostics(): void {
    this.byFlow = new Map();
    this.standaloneDiagnostics = [];
    this.standaloneSeen = 0;
    this.shown = new Map();
  }

  /** Linking over from the first call: every flow is new, every diagnostic recomputed. */
  private relink(): void {
    this.linker = createLinker(this.options.sessionValidityMinutes * 60_000);
    this.linker.add(this.calls);
    this.forgetDiagnostics();
  }

  private snapshot(): Analysis {
    const linked = this.linker.result();
    // Only new steps are diagnosed (a flow with just its new steps), and calls in no flow once,
    // when they come. Diagnostics are in entry order, and an entry belongs to one flow or to none,
    // so the per-flow lists merge into exactly the order one diagnose() over everything gives.
    const newStandalone = linked.standalone.slice(this.standaloneSeen);
    this.standaloneSeen = linked.standalone.length;
    const newSteps: Flow[] = [];
    for (const flow of linked.changed) {
      let done = this.byFlow.get(flow.id);
      if (!done) this.byFlow.set(flow.id, (done = { steps: 0, diagnostics: [] }));
      if (done.steps < flow.steps.length) newSteps.push({ ...flow, steps: flow.steps.slice(done.steps) });
      done.steps = flow.steps.length;
    }
    const found = diagnose({ flows: newSteps, standalone: newStandalone, contexts: linked.contexts }, this.options);
    for (const diagnostic of found) {
      if (diagnostic.flow === null) this.standaloneDiagnostics.push(diagnostic);
      else this.byFlow.get(diagnostic.flow)?.diagnostics.push(diagnostic);
    }
    // A changed flow is shown as a new object (its steps as a new list), so a view that keeps
    // what it drew for an unchanged flow can tell which ones to draw again.
    for (const flow of linked.changed) this.shown.set(flow, { ...flow, steps: flow.steps.slice() });
    const diagnostics = [...this.standaloneDiagnostics];
    for (const { diagnostics: list } of this.byFlow.values()) diagnostics.push(...list);
    diagnostics.sort((a, b) => a.entry - b.entry);
    return {
      entries: this.seen,
      calls: this.calls.slice(),
      flows: linked.flows.map((flow) => this.shown.get(flow) ?? flow),
      standalone: linked.standalone,
      ignored: this.ignored.slice(),
      diagnostics,
    };
  }
}
