import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Analysis, Diagnostic, Flow, IgnoredEntry } from '../../core/model';
import type { PanelHost, PanelSettings, Theme } from '../host';
import { DEFAULT_SETTINGS } from '../host';
import { CaptureStore } from '../store';
import { diagnosticsByEntry, diagnosticsOfShownFlows, flowRows } from '../../core/view/flow-row';
import { isOAuthFlowId, otherCognitoCalls, panelFlows } from '../../core/view/oauth-chain';
import { flowSearchText, matchesFilter } from '../../core/view/filter';
import { Toolbar } from './Toolbar';
import { FlowList, OTHER_CALLS } from './FlowList';
import { Chain } from './Chain';
import { Timeline } from './Timeline';
import { StepDetails, type DetailTab } from './StepDetails';
import { ReplayEditor } from './ReplayEditor';
import { EmptyState } from './EmptyState';
import { SplitHandle } from './SplitHandle';
import { PaneBoundary } from './PaneBoundary';
import { LiveRegion } from './LiveRegion';
import { exportFileName, exportHar, type ExportMode } from '../../core/export';
import { saveTextFile } from '../save-file';
import { version } from '../../../package.json';

const NONE: Diagnostic[] = [];

/** Search texts by flow object: a flow the live analysis kept (same diagnostics too) is not read again. */
const searchTextCache = new WeakMap<Flow, { diagnostics: readonly Diagnostic[]; text: string }>();

function searchTextOf(flow: Flow, diagnostics: readonly Diagnostic[]): string {
  const known = searchTextCache.get(flow);
  if (known && known.diagnostics.length === diagnostics.length && known.diagnostics.every((d, i) => d === diagnostics[i])) return known.text;
  const text = flowSearchText(flow, diagnostics);
  searchTextCache.set(flow, { diagnostics, text });
  return text;
}

/** What the filter matches each flow (by id) against. */
function searchTextsOf(analysis: Analysis): Map<string, string> {
  const byFlow = diagnosticsOfShownFlows(analysis);
  return new Map(panelFlows(analysis).map((flow) => [flow.id, searchTextOf(flow, byFlow.get(flow.id) ?? NONE)]));
}

/** How long after an update the search texts are read ahead (not in the frame that shows it). */
const SEARCH_WARM_UP_MS = 50;

/** Keys typed into a text field are the user's text, not shortcuts. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Focuses the first element matching `selector` (then runs `then` on it) once the next render has put it in the page. */
/**
 * Focuses `selector` once it is shown: after the render that adds it, or — for what loads on
 * demand (the replay editor's chunk on its first use) — as soon as it appears, for up to 2 s.
 */
function focusSoon(selector: string, then?: (el: HTMLElement) => void, until = Date.now() + 2_000): void {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) {
      if (Date.now() < until) focusSoon(selector, then, until);
      return;
    }
    el.focus();
    if (then) then(el);
  }));
}

/** "other-aws-service: 2, preflight: 1" for the toolbar's tooltip: nothing is dropped silently. */
function ignoredDetail(ignored: readonly IgnoredEntry[]): string {
  const counts = new Map<string, number>();
  for (const entry of ignored) counts.set(entry.reason, (counts.get(entry.reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${reason}: ${n}`).join(', ');
}

/** The whole panel: toolbar, flows list, chain of the selected flow, details of the selected step. */
export function App({ host, store: givenStore }: { host: PanelHost; store?: CaptureStore }) {
  const store = useMemo(() => givenStore ?? new CaptureStore(), [givenStore]);
  const [capture, setCapture] = useState(store.getState());
  const [settings, setSettings] = useState<PanelSettings>(DEFAULT_SETTINGS);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const [theme, setTheme] = useState<Theme>(host.theme());
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [selectedEntry, setSelectedEntry] = useState<number | null>(null);
  const [tab, setTab] = useState<DetailTab>('request');
  /** A replay's entry to select once the analysis that includes it arrives. */
  const [showEntry, setShowEntry] = useState<number | null>(null);
  /**
   * The list's width once the user dragged its bar; until then it takes at most 30% of the panel
   * (320 px), so docked right (~500 px) it is a narrow column and the chain and details keep the rest.
   */
  const [listWidth, setListWidth] = useState<number | null>(null);
  /** The chain pane's height once the user dragged the bar under it; null: CSS shares the space. */
  const [chainHeight, setChainHeight] = useState<number | null>(null);
  const [errorsOnly, setErrorsOnly] = useState(false);
  /** Bumped by Esc in the replay editor: a new key closes it (the editor is another module's; this only wraps it). */
  const [replayResets, setReplayResets] = useState(0);

  useEffect(() => store.subscribe(setCapture), [store]);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  useEffect(() => {
    let live = true;
    void host.settings.load().then((loaded) => { if (live) setSettings({ ...DEFAULT_SETTINGS, ...loaded }); }, () => undefined);
    return () => { live = false; };
  }, [host]);
  useEffect(() => host.source.connect({
    add: (entries, skipped) => store.add(entries, skipped),
    // Sign-ins navigate: the capture survives unless the user turned Preserve log off.
    navigated: () => { if (!settingsRef.current.preserveLog) store.clear(); },
  }), [host, store]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const { analysis } = capture;
  const byEntry = useMemo(() => diagnosticsByEntry(analysis.diagnostics), [analysis]);
  const rows = useMemo(() => flowRows(analysis), [analysis]);
  // API flows, then managed-login flows shown through the same chain components.
  const flows = panelFlows(analysis);
  // Read only while a filter is typed: the first render of a large HAR does not wait for them.
  const filtering = /\S/.test(filter);
  const searchTexts = useMemo(() => (filtering ? searchTextsOf(analysis) : null), [analysis, filtering]);
  const ignoredText = useMemo(() => ignoredDetail(analysis.ignored), [analysis]);
  // After the list is on screen, read the search texts while the page is idle: the first keystroke
  // in the filter then finds them ready (the cache keeps those of unchanged flows).
  useEffect(() => {
    const handle = setTimeout(() => searchTextsOf(analysis), SEARCH_WARM_UP_MS);
    return () => clearTimeout(handle);
  }, [analysis]);
  const visibleRows = useMemo(
    () => rows.filter((row) => (!errorsOnly || row.errors > 0 || row.outcome === 'failed') && (!searchTexts || matchesFilter(searchTexts.get(row.id) ?? '', filter))),
    [rows, searchTexts, filter, errorsOnly],
  );

  useEffect(() => {
    if (showEntry === null) return;
    // The flow the panel shows it in (a replayed GetUser of a managed-login sign-in is in its chain).
    const holder = panelFlows(analysis).find((f) => f.steps.some((s) => s.call.entry === showEntry));
    if (!holder) return;
    setSelected(holder.id);
    setSelectedEntry(showEntry);
    setShowEntry(null);
  }, [analysis, showEntry]);

  const flow = flows.find((f) => f.id === selected) ?? null;
  // Calls made with a managed-login sign-in's tokens are in its chain, not among the other calls.
  const others = otherCognitoCalls(analysis);
  const otherCalls = selected === OTHER_CALLS ? others : null;
  const calls = flow ? flow.steps.map((s) => s.call) : (otherCalls ?? []);
  const selectedCall = calls.find((c) => c.entry === selectedEntry) ?? null;
  const stepIndex = flow && selectedCall ? flow.steps.findIndex((s) => s.call.entry === selectedCall.entry) : -1;

  const open = (id: string) => {
    setShowEntry(null); // the user chose: a replay's answer arriving later does not take the selection back
    setSelected(id);
    const chosen = flows.find((f) => f.id === id);
    const list = chosen ? chosen.steps.map((s) => s.call) : id === OTHER_CALLS ? others : [];
    // Open on the first step that has an error: that is usually what the user came for.
    const withError = list.find((c) => (byEntry.get(c.entry) ?? NONE).some((d) => d.severity === 'error'));
    setSelectedEntry((withError ?? list[0])?.entry ?? null);
  };

  const saveSettings = (next: PanelSettings) => {
    setSettings(next);
    void host.settings.save(next).catch(() => undefined);
  };

  // Clear resets what it hides too: a filter left behind would make new flows look missing.
  const clear = () => {
    store.clear();
    setSelected(null);
    setCursor(null);
    setSelectedEntry(null);
    setFilter('');
    setErrorsOnly(false);
  };

  const hasStep = useRef(false);
  hasStep.current = selectedCall !== null;
  // Shortcuts: "/" (and Ctrl+F where the browser lets the panel have it) focuses the filter; "e"
  // opens Edit & replay of the selected step; Esc closes the replay editor.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const key = event.key.toLowerCase();
      const modified = event.ctrlKey || event.metaKey || event.altKey;
      const plain = !modified && !typing(event.target);
      if ((key === 'f' && modified && !event.altKey) || (key === '/' && plain)) {
        event.preventDefault();
        focusSoon('#flow-filter', (el) => (el as HTMLInputElement).select());
      } else if (key === 'e' && plain && hasStep.current) {
        event.preventDefault();
        setTab('request');
        focusSoon('[data-action="edit-replay"]', (el) => {
          el.click();
          focusSoon('[data-replay-editor] textarea');
        });
      } else if (event.key === 'Escape' && event.target instanceof HTMLElement && event.target.closest('[data-replay-editor]')) {
        event.preventDefault();
        setReplayResets((n) => n + 1);
        focusSoon('.step-head[tabindex="0"]');
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const exportCapture = (mode: ExportMode) => {
    // Only the Cognito calls (and other X-Amz-Target entries) the panel kept: nothing else was captured.
    const har = exportHar(capture.entries, mode, version);
    saveTextFile(exportFileName(new Date(), mode), JSON.stringify(har, null, 2));
  };

  // Managed-login requests count too: a capture of only a hosted-UI sign-in is still exportable.
  const cognitoCalls = capture.analysis.calls.length + capture.analysis.oauth.entries.length;
  const nothing = capture.entries.length === 0;
  return (
    <div class="panel" data-theme={theme} data-host={host.kind}>
      <Toolbar
        calls={cognitoCalls}
        otherRequests={capture.otherRequests}
        ignored={analysis.ignored.length}
        ignoredDetail={ignoredText}
        droppedWhilePaused={capture.droppedWhilePaused}
        paused={capture.paused}
        preserveLog={settings.preserveLog}
        live={host.kind === 'devtools'}
        onClear={clear}
        onPause={(paused) => store.setPaused(paused)}
        onPreserveLog={(preserveLog) => saveSettings({ ...settings, preserveLog })}
        onExport={exportCapture}
      />
      {nothing ? (
        <EmptyState kind={host.kind} paused={capture.paused} />
      ) : (
        <div class="split" style={{ gridTemplateColumns: `${listWidth === null ? 'min(320px, 30%)' : `${listWidth}px`} 4px minmax(0, 1fr)` }}>
          <PaneBoundary pane="the flows list" resetOn={visibleRows}>
            <FlowList rows={visibleRows} total={rows.length} otherCalls={others.length} filter={filter} selected={selected} cursor={cursor}
              errorsOnly={errorsOnly} onErrorsOnly={setErrorsOnly} onFilter={setFilter} onCursor={setCursor} onOpen={open} />
          </PaneBoundary>
          <SplitHandle orientation="vertical" size={listWidth} min={120} max={900} label="Width of the flows list" onResize={setListWidth} />
          <div class="main">
            <div class="chain-pane" style={chainHeight === null || !selectedCall ? undefined : { flex: `0 0 ${chainHeight}px` }}>
              {flow && (
                <PaneBoundary pane="the timeline" resetOn={flow}>
                  <Timeline analysis={analysis} flow={flow} />
                </PaneBoundary>
              )}
              <PaneBoundary pane="the chain" resetOn={flow ?? otherCalls}>
                <Chain flow={flow} otherCalls={otherCalls} diagnostics={byEntry} selectedEntry={selectedEntry} onSelect={(entry) => { setShowEntry(null); setSelectedEntry(entry); }} />
              </PaneBoundary>
            </div>
            {selectedCall && <SplitHandle orientation="horizontal" size={chainHeight} min={60} max={2000} label="Height of the chain" onResize={setChainHeight} />}
            {selectedCall && (
              <div class="details-pane">
                <PaneBoundary pane="the step details" resetOn={selectedCall}>
                  <StepDetails call={selectedCall} flow={flow} index={stepIndex} diagnostics={byEntry.get(selectedCall.entry) ?? NONE}
                    tab={tab} onTab={setTab}
                    replay={isOAuthFlowId(selected) && selectedCall.service !== 'user-pool' ? undefined : <ReplayEditor key={`${selectedCall.entry}:${replayResets}`} call={selectedCall}
                      // A user-pool call in a managed-login chain (made with its tokens) replays as a call outside any API flow.
                      flow={isOAuthFlowId(selected) ? null : flow} flows={analysis.flows} send={(r) => host.replay(r)}
                      onReplayed={(entry) => store.addReplay(entry)} onShow={setShowEntry} />} />
                </PaneBoundary>
              </div>
            )}
          </div>
        </div>
      )}
      <LiveRegion />
    </div>
  );
}
