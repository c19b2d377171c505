import { spawn } from 'node:child_process';

/** What one shell command gave back: its exit code and what it wrote to stderr. */
export interface CommandResult {
  code: number;
  stderr: string;
}

/** Runs a shell script; the real one spawns `sh -c`, tests pass their own. */
export type CommandRunner = (script: string) => Promise<CommandResult>;

export interface AptInstallOptions {
  log: (line: string) => void;
  run?: CommandRunner;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** How long to wait for another apt/dpkg process to let go of the lock (default 5 min). */
  maxLockWaitMs?: number;
  /** How often to try again while the lock is held (default 5 s). */
  retryEveryMs?: number;
  /** How often to tell the person we are still waiting (default 15 s). */
  noticeEveryMs?: number;
}

export class AptInstallError extends Error {}

// apt and dpkg word a held lock in these ways (apt 1.x–2.x, dpkg 1.19+); exit code is 100.
const LOCK_PATTERNS = [
  /Could not get lock/i,
  /Unable to acquire the dpkg frontend lock/i,
  /Unable to lock (the )?(administration )?directory/i,
  /locked by another process/i,
];

/** True when apt-get failed only because another apt/dpkg process holds its lock. */
export function isAptLockHeld(stderr: string): boolean {
  return LOCK_PATTERNS.some((p) => p.test(stderr));
}

/** "process 1234 (unattended-upgr)" from apt's message, when it names the holder. */
export function aptLockHolder(stderr: string): string | null {
  const m = /held by process (\d+)(?: \(([^)]+)\))?/i.exec(stderr);
  if (!m) return null;
  return m[2] ? `process ${m[1]} (${m[2]})` : `process ${m[1]}`;
}

export const runShell: CommandRunner = (script) =>
  new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stderr }));
  });

const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Installs Debian packages with apt-get. When another apt/dpkg process (unattended-upgrades, a
 * person's own apt) holds the lock, waits for it as a person would — trying again every few
 * seconds and saying so every ~15 s — up to a bound, then stops naming the holder.
 */
export async function aptInstall(packages: string[], options: AptInstallOptions): Promise<void> {
  const run = options.run ?? runShell;
  const sleep = options.sleep ?? sleepReal;
  const now = options.now ?? Date.now;
  const maxWait = options.maxLockWaitMs ?? 300_000;
  const retryEvery = options.retryEveryMs ?? 5_000;
  const noticeEvery = options.noticeEveryMs ?? 15_000;
  const script = `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')} >/dev/null`;

  let waitingSince: number | null = null;
  let lastNotice = 0;
  for (;;) {
    const result = await run(script);
    if (result.code === 0) {
      if (waitingSince !== null) options.log('the package lock is free again: installed.');
      return;
    }
    if (!isAptLockHeld(result.stderr)) {
      throw new AptInstallError(
        `apt-get install ${packages.join(' ')} failed (exit ${result.code}): ${result.stderr.trim().slice(-500)}`,
      );
    }
    const holder = aptLockHolder(result.stderr) ?? 'another apt/dpkg process';
    const t = now();
    if (waitingSince === null) {
      waitingSince = t;
      lastNotice = t;
      options.log(
        `${holder} holds the apt/dpkg lock: waiting for it to finish (up to ${Math.round(maxWait / 60_000)} min)...`,
      );
    } else if (t - waitingSince >= maxWait) {
      throw new AptInstallError(
        `${holder} still holds the apt/dpkg lock after ${Math.round((t - waitingSince) / 1000)} s: let it finish ` +
          `(or stop it), then run again; or install ${packages.join(' ')} yourself.`,
      );
    } else if (t - lastNotice >= noticeEvery) {
      lastNotice = t;
      options.log(
        `still waiting for the apt/dpkg lock held by ${holder} (${Math.round((t - waitingSince) / 1000)} s)...`,
      );
    }
    await sleep(Math.min(retryEvery, Math.max(0, waitingSince + maxWait - t)));
  }
}
