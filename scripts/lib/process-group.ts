/**
 * Stopping a browser and everything it started. Browsers (and web-ext) spawn many processes;
 * started `detached`, they share one process group, which is signalled as a whole.
 */
import type { ChildProcess } from 'node:child_process';

/** Signals the whole group; a group that is already gone is fine. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * SIGTERM to the group, SIGKILL if the leader has not exited after `graceMs`, then SIGKILL once
 * more: the group is signalled even if the leader already exited (after a failed start it can
 * leave children running, and content processes can outlive the parent by a moment).
 */
export async function stopProcessGroup(child: ChildProcess, graceMs: number): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? new Promise<void>((resolve) => child.once('exit', () => resolve())) : Promise.resolve();
  signalGroup(pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  signalGroup(pid, 'SIGKILL');
}
