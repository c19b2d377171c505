import { existsSync, readFileSync, rmSync } from 'node:fs';

/** True when a process with this pid exists (signal 0 only probes). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/**
 * A crashed `npm start` leaves its servers running and their pid files behind. We only kill
 * a pid whose command line still names the expected program, so a recycled pid is safe.
 * Returns a description of what was cleaned, or null.
 */
export async function reapStaleServer(pidFile: string, programHint: string): Promise<string | null> {
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0].trim(), 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && commandOf(pid).includes(programHint)) {
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, 10_000))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 2_000);
    }
    rmSync(pidFile, { force: true });
    return `stopped an orphan ${programHint} (pid ${pid}) left by an earlier run`;
  }
  rmSync(pidFile, { force: true });
  return `removed a stale ${programHint} pid file`;
}
