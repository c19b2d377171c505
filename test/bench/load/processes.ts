import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { AppConfig, configToEnv } from '@app/config';
import { freePort } from '@app/devstack';

/** The apps as separate processes, started from their real entry points (ts-node, no build). */
export type AppKind = 'api' | 'dispatcher' | 'gateway';

const ENTRY: Record<AppKind, string> = {
  api: 'apps/api/src/main.ts',
  dispatcher: 'apps/dispatcher/src/main.ts',
  gateway: 'apps/gateway/src/main.ts',
};
const READY: Record<AppKind, string> = {
  api: 'api listening',
  dispatcher: 'dispatcher consuming',
  gateway: 'gateway listening',
};
const PORT_VARIABLE: Record<AppKind, string> = {
  api: 'API_PORT',
  dispatcher: 'DISPATCHER_PORT',
  gateway: 'GATEWAY_PORT',
};
const ROOT = resolve(__dirname, '../../..');

/** What a child wrote at warn level or above (pino JSON lines or plain stderr), kept for the report. */
export class LogTally {
  warnings = 0;
  errors = 0;
  readonly samples: string[] = [];

  add(line: string): void {
    const level = /"level":\s*(\d+)/.exec(line)?.[1];
    const isError = level ? Number(level) >= 50 : /error|exception|unhandled/i.test(line);
    const isWarn = level ? Number(level) === 40 : false;
    if (isError) this.errors += 1;
    else if (isWarn) this.warnings += 1;
    else return;
    if (this.samples.length < 8) this.samples.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
  }
}

export class AppProcess {
  readonly log = new LogTally();
  /** Set when the process ended before the bench stopped it: a product problem to report. */
  unexpectedExit: string | null = null;
  private stopping = false;

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  /** `onLine` sees every line the process writes, from the first (e.g. a test scanning logs for secrets). */
  static async start(
    kind: AppKind,
    name: string,
    config: AppConfig,
    timeoutMs = 120_000,
    options: { logLevel?: string; onLine?: (line: string) => void } = {},
  ): Promise<AppProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', 'ts-node/register', ENTRY[kind]], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...configToEnv(config),
        [PORT_VARIABLE[kind]]: String(port),
        LOG_LEVEL: options.logLevel ?? 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new AppProcess(name, `http://127.0.0.1:${port}`, child);
    let ready = false;
    let early = '';
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`${name} not ready within ${timeoutMs} ms: ${early.slice(-2000)}`)),
        timeoutMs,
      );
      const onLine = (line: string) => {
        options.onLine?.(line);
        if (!ready) early += `${line}\n`;
        if (!ready && line.includes(READY[kind])) {
          ready = true;
          clearTimeout(timer);
          ok();
          return;
        }
        app.log.add(line);
      };
      for (const stream of [child.stdout, child.stderr]) {
        let buffer = '';
        stream?.on('data', (d: Buffer) => {
          buffer += d.toString();
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const l of lines) if (l.trim()) onLine(l);
        });
      }
      child.once('exit', (code, signal) => {
        if (!ready) {
          clearTimeout(timer);
          fail(new Error(`${name} exited (${code ?? signal}) before ready: ${early.slice(-2000)}`));
        } else if (!app.stopping) {
          app.unexpectedExit = `${name} exited on its own (${code ?? signal})`;
        }
      });
    }).catch(async (error: unknown) => {
      await app.stop();
      throw error;
    });
    return app;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM (the apps shut down gracefully), SIGKILL after a grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    if (!this.alive) return;
    await new Promise<void>((done) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
      }, graceMs);
      this.child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      this.child.kill('SIGTERM');
    });
  }
}
