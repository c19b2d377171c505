#!/usr/bin/env node
// Entry for npm scripts: compile (incrementally) once, then run a compiled entry point in this
// same process. One node process per npm script keeps signals simple: SIGINT sent to `npm start`
// reaches the launcher directly, with no intermediate shell to orphan it.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');
const [entry, ...args] = process.argv.slice(2);
const entries = {
  launcher: 'apps/launcher/src/main.js',
  cli: 'apps/launcher/src/cli.js',
  api: 'apps/api/src/main.js',
  dispatcher: 'apps/dispatcher/src/main.js',
  gateway: 'apps/gateway/src/main.js',
  simulator: 'apps/simulator/src/main.js',
};
if (!entries[entry]) {
  process.stderr.write(`usage: run.js <${Object.keys(entries).join('|')}> [args]\n`);
  process.exit(64);
}
if (process.env.SKIP_BUILD !== '1') {
  const tsc = require.resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'apps/tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    process.stderr.write('build failed: see the TypeScript errors above\n');
    process.exit(build.status ?? 1);
  }
  // The api serves the web pages (apps/web/dist): build them when missing or older than their sources.
  if (entry === 'launcher' || entry === 'api') buildWebIfStale();
}
function newestMtime(target) {
  const fs = require('node:fs');
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(target)
    .reduce((max, name) => Math.max(max, newestMtime(path.join(target, name))), stat.mtimeMs);
}

function buildWebIfStale() {
  const web = path.join(root, 'apps/web');
  const built = newestMtime(path.join(web, 'dist/index.html'));
  const sources = Math.max(
    newestMtime(path.join(web, 'src')),
    newestMtime(path.join(web, 'index.html')),
    newestMtime(path.join(web, 'vite.config.mts')),
  );
  if (sources === 0 || (built !== 0 && built >= sources)) return;
  let vite;
  try {
    vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [root] })), 'bin/vite.js');
  } catch {
    process.stderr.write(
      'web pages not built: vite is not installed (run `npm install`); the api still serves /v1 and /docs\n',
    );
    return;
  }
  process.stdout.write('building the web pages (apps/web)...\n');
  const result = spawnSync(process.execPath, [vite, 'build', web, '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0)
    process.stderr.write('web build failed: see the errors above; the api still serves /v1 and /docs\n');
}

require('./register-paths');
process.argv = [process.argv[0], path.join(root, 'dist', entries[entry]), ...args];
require(path.join(root, 'dist', entries[entry]));
