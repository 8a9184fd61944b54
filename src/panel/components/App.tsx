import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Diagnostic, IgnoredEntry } from '../../core/model';
import type { PanelHost, PanelSettings, Theme } from '../host';
import { DEFAULT_SETTINGS } from '../host';
import { CaptureStore } from '../store';
import { diagnosticsByEntry, diagnosticsByFlow, flowRows } from '../../core/view/flow-row';
import { isOAuthFlowId, panelFlows } from '../../core/view/oauth-chain';
import { flowSearchText, matchesFilter } from '../../core/view/filter';
import { Toolbar } from './Toolbar';
import { FlowList, OTHER_CALLS } from './FlowList';
import { Chain } from './Chain';
import { StepDetails, type DetailTab } from './StepDetails';
import { ReplayEditor } from './ReplayEditor';
import { EmptyState } from './EmptyState';
import { SplitHandle } from './SplitHandle';
import { exportFileName, exportHar, type ExportMode } from '../../core/export';
import { saveTextFile } from '../save-file';
import { version } from '../../../package.json';

const NONE: Diagnostic[] = [];

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
  const [listWidth, setListWidth] = useState(320);
  /** The chain pane's height once the user dragged the bar under it; null: CSS shares the space. */
  const [chainHeight, setChainHeight] = useState<number | null>(null);

  useEffect(() => store.subscribe(setCapture), [store]);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  useEffect(() => {
    let live = true;
    void host.settings.load().then((loaded) => { if (live) setSettings({ ...DEFAULT_SETTINGS, ...loaded }); }, () => undefined);
    return () => { live = false; };
  }, [host]);
  useEffect(() => host.source.connect({
    add: (entries) => store.add(entries),
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
  const searchTexts = useMemo(() => {
    const byFlow = diagnosticsByFlow(analysis.diagnostics);
    return new Map(panelFlows(analysis).map((flow) => [flow.id, flowSearchText(flow, byFlow.get(flow.id) ?? NONE)]));
  }, [analysis]);
  const ignoredText = useMemo(() => ignoredDetail(analysis.ignored), [analysis]);
  const visibleRows = useMemo(() => rows.filter((row) => matchesFilter(searchTexts.get(row.id) ?? '', filter)), [rows, searchTexts, filter]);

  const flow = flows.find((f) => f.id === selected) ?? null;
  const otherCalls = selected === OTHER_CALLS ? analysis.standalone : null;
  const calls = flow ? flow.steps.map((s) => s.call) : (otherCalls ?? []);
  const selectedCall = calls.find((c) => c.entry === selectedEntry) ?? null;
  const stepIndex = flow && selectedCall ? flow.steps.findIndex((s) => s.call.entry === selectedCall.entry) : -1;

  const open = (id: string) => {
    setSelected(id);
    const chosen = flows.find((f) => f.id === id);
    const list = chosen ? chosen.steps.map((s) => s.call) : id === OTHER_CALLS ? analysis.standalone : [];
    // Open on the first step that has an error: that is usually what the user came for.
    const withError = list.find((c) => (byEntry.get(c.entry) ?? NONE).some((d) => d.severity === 'error'));
    setSelectedEntry((withError ?? list[0])?.entry ?? null);
  };

  const saveSettings = (next: PanelSettings) => {
    setSettings(next);
    void host.settings.save(next).catch(() => undefined);
  };

  const clear = () => {
    store.clear();
    setSelected(null);
    setCursor(null);
    setSelectedEntry(null);
  };

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
        <div class="split" style={{ gridTemplateColumns: `${listWidth}px 4px minmax(0, 1fr)` }}>
          <FlowList rows={visibleRows} otherCalls={analysis.standalone.length} filter={filter} selected={selected} cursor={cursor}
            onFilter={setFilter} onCursor={setCursor} onOpen={open} />
          <SplitHandle orientation="vertical" size={listWidth} min={180} max={900} onResize={setListWidth} />
          <div class="main">
            <div class="chain-pane" style={chainHeight === null || !selectedCall ? undefined : { flex: `0 0 ${chainHeight}px` }}>
              <Chain flow={flow} otherCalls={otherCalls} diagnostics={byEntry} selectedEntry={selectedEntry} onSelect={setSelectedEntry} />
            </div>
            {selectedCall && <SplitHandle orientation="horizontal" size={chainHeight} min={60} max={2000} onResize={setChainHeight} />}
            {selectedCall && (
              <div class="details-pane">
                <StepDetails call={selectedCall} flow={flow} index={stepIndex} diagnostics={byEntry.get(selectedCall.entry) ?? NONE}
                  tab={tab} onTab={setTab}
                  replay={isOAuthFlowId(selected) ? undefined : <ReplayEditor key={selectedCall.entry} call={selectedCall} send={(r) => host.replay(r)} onReplayed={(entry) => store.addReplay(entry)} />} />
              </div>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
