import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { createApiApp } from '../../apps/api/src/api.app';
import { createDispatcherApp } from '../../apps/dispatcher/src/dispatcher.app';
import { createGatewayApp } from '../../apps/gateway/src/gateway.app';
import { createTestContext, TestContext } from '../support/test-context';
import { freePort } from '@app/devstack';

const root = resolve(__dirname, '../..');
const webDir = join(root, 'apps/web');
export const ARTIFACTS = join(root, 'test/artifacts');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };
/** Near the Geomdan park: where the staff phones say they are. */
export const GEOMDAN = { latitude: 37.5985, longitude: 126.6612 };

const newest = (p: string): number => {
  let s;
  try {
    s = statSync(p);
  } catch {
    return 0;
  }
  return s.isDirectory() ? readdirSync(p).reduce((m, n) => Math.max(m, newest(join(p, n))), s.mtimeMs) : s.mtimeMs;
};

/** Builds apps/web when its dist is missing or older than its sources (as npm start does). */
export function ensureWebBuilt(): void {
  const built = newest(join(webDir, 'dist/index.html'));
  const sources = Math.max(
    newest(join(webDir, 'src')),
    newest(join(webDir, 'index.html')),
    newest(join(webDir, 'vite.config.mts')),
  );
  if (built && built >= sources) return;
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', webDir, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build of apps/web failed');
}

export interface WebStack {
  ctx: TestContext;
  apiUrl: string;
  gatewayUrl: string;
  apps: { api: INestApplication; dispatcher: INestApplication; gateway: INestApplication };
  /** Stops the gateway and starts a new one on the same port (clients reconnect by themselves). */
  restartGateway(whileDown?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real stack in this process, with fixed ports so the pages (served by the api from
 * apps/web/dist) learn the gateway's URL from GET /v1/web-config, and the gateway can be
 * restarted where the pages expect it.
 */
export async function startWebStack(env: Record<string, string> = {}): Promise<WebStack> {
  ensureWebBuilt();
  const [apiPort, gatewayPort] = [await freePort(), await freePort()];
  // Bag photos land here, not in the repository's .data.
  const dataDir = mkdtempSync(join(tmpdir(), 'web-journeys-'));
  const ctx = await createTestContext({
    seed: true,
    env: {
      API_PORT: String(apiPort),
      GATEWAY_PORT: String(gatewayPort),
      PUBLIC_API_URL: `http://127.0.0.1:${apiPort}`,
      PUBLIC_GATEWAY_URL: `http://127.0.0.1:${gatewayPort}`,
      WEB_DIST_DIR: join(webDir, 'dist'),
      DATA_DIR: dataDir,
      // Unreachable on purpose: the maps must draw vans, stops and routes without tiles.
      WEB_TILE_URL: 'http://127.0.0.1:9/tiles/{z}/{x}/{y}.png',
      ...env,
    },
  });
  const api = await createApiApp(ctx.config);
  const dispatcher = await createDispatcherApp(ctx.config);
  let gateway = await createGatewayApp(ctx.config);
  await api.listen(apiPort, '127.0.0.1');
  await dispatcher.listen(0, '127.0.0.1');
  await gateway.listen(gatewayPort, '127.0.0.1');
  const stack: WebStack = {
    ctx,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    apps: { api, dispatcher, gateway },
    restartGateway: async (whileDown) => {
      await gateway.close();
      if (whileDown) await whileDown();
      gateway = await createGatewayApp(ctx.config);
      await gateway.listen(gatewayPort, '127.0.0.1');
      stack.apps.gateway = gateway;
    },
    close: async () => {
      await gateway.close();
      await dispatcher.close();
      await api.close();
      await ctx.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** Debian's Chromium, headless, with a fresh profile; nothing is downloaded. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number },
  options: { geolocation?: boolean; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport,
    locale: options.locale ?? 'ko-KR',
    timezoneId: 'Asia/Seoul',
    ...(options.geolocation ? { geolocation: GEOMDAN, permissions: ['geolocation'] } : {}),
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
  return { context, page };
}

export async function signInOnPage(page: Page, email: string, password: string): Promise<void> {
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** axe-core in the page: returns serious and critical violations (the test expects none). */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const axe = require('axe-core') as { source: string };
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Fails when the page scrolls sideways at this width (content wider than the viewport). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
