import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync, writeFileSync, WriteStream } from 'node:fs';
import { join } from 'node:path';

export interface AppSpec {
  name: string;
  entry: string; // compiled main.js
  healthUrl: string;
}

/**
 * Runs the apps as child processes, keeps their JSON logs in files, restarts one that crashes
 * (with backoff) and stops them all on shutdown. Pid files let the next start clean up after
 * a launcher that was killed with -9.
 */
export class Supervisor {
  private readonly children = new Map<string, ChildProcess>();
  private readonly restarts = new Map<string, number>();
  private stopping = false;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly runDir: string,
    private readonly logDir: string,
    private readonly say: (line: string) => void,
  ) {
    mkdirSync(runDir, { recursive: true });
    mkdirSync(logDir, { recursive: true });
  }

  start(spec: AppSpec): void {
    const log: WriteStream = createWriteStream(join(this.logDir, `${spec.name}.log`), { flags: 'a' });
    const child = spawn(
      process.execPath,
      ['-r', join(__dirname, '../../../../apps/launcher/bin/register-paths.js'), spec.entry],
      {
        env: this.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    writeFileSync(join(this.runDir, `${spec.name}.pid`), String(child.pid));
    this.children.set(spec.name, child);
    // Plain lines are meant for people, JSON lines are the structured log (kept in the file).
    // A crash loop must not flood the terminal: a few lines per run, the rest in the file.
    let shown = 0;
    const relay = (chunk: Buffer, isErr: boolean) => {
      log.write(chunk);
      for (const raw of chunk.toString().split('\n')) {
        const line = raw.replace(/\u001b\[[0-9;]*m/g, '');
        if (!line.trim() || line.startsWith('{') || / LOG \[/.test(line) || shown >= 8) continue;
        shown += 1;
        this.say(`${isErr ? '!' : ' '} ${spec.name}: ${line}`);
      }
    };
    child.stdout?.on('data', (c: Buffer) => relay(c, false));
    child.stderr?.on('data', (c: Buffer) => relay(c, true));
    child.on('exit', (code, signal) => {
      log.end();
      this.children.delete(spec.name);
      rmSync(join(this.runDir, `${spec.name}.pid`), { force: true });
      if (this.stopping) return;
      const count = (this.restarts.get(spec.name) ?? 0) + 1;
      this.restarts.set(spec.name, count);
      const delay = Math.min(30_000, 500 * 2 ** Math.min(count, 6));
      this.say(
        `! ${spec.name} exited (${signal ?? `code ${code}`}); restarting in ${Math.round(delay / 100) / 10} s (logs: ${join(this.logDir, `${spec.name}.log`)})`,
      );
      setTimeout(() => !this.stopping && this.start(spec), delay).unref();
    });
  }

  isRunning(name: string): boolean {
    return this.children.has(name);
  }

  async stopAll(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    const waits = [...this.children.values()].map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
          child.once('exit', () => {
            clearTimeout(timer);
            done();
          });
          child.kill('SIGTERM');
        }),
    );
    await Promise.all(waits);
  }
}
