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
};
if (!entries[entry]) {
  process.stderr.write(`usage: run.js <${Object.keys(entries).join('|')}> [args]\n`);
  process.exit(64);
}
if (process.env.SKIP_BUILD !== '1') {
  const tsc = require.resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'apps/tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write('build failed: see the TypeScript errors above\n');
    process.exit(build.status ?? 1);
  }
}
require('./register-paths');
process.argv = [process.argv[0], path.join(root, 'dist', entries[entry]), ...args];
require(path.join(root, 'dist', entries[entry]));
