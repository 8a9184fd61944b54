/** What to do when nothing was captured yet. */
export function EmptyState({ kind, paused }: { kind: 'devtools' | 'har-file'; paused: boolean }) {
  if (paused) return <div class="empty" data-empty="paused">Recording is paused. Press Resume to capture Cognito calls again.</div>;
  return (
    <div class="empty" data-empty="">
      {kind === 'devtools' ? (
        <>
          <p><strong>No Cognito calls yet.</strong></p>
          <p>Sign in on the page. Calls made since DevTools opened are loaded too, even those from before this panel was.</p>
          <p>Managed login (hosted UI) sign-ins are page navigations: keep <em>Preserve log</em> on (in Firefox also the Network
            panel’s <em>Persist Logs</em>), or the authorize request is gone by the time the app gets its code. Browsers never record
            the <code>#fragment</code> of a URL (implicit-grant tokens show only in the redirect before it).</p>
        </>
      ) : (
        <>
          <p><strong>No Cognito calls in this file yet.</strong></p>
          <p>Open a HAR file (Network panel: “Save all as HAR with content”) or drop one here.</p>
        </>
      )}
    </div>
  );
}
