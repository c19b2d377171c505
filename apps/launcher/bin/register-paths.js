'use strict';
// Maps the @app/* aliases of tsconfig.json onto the compiled tree in dist/.
const path = require('node:path');
const tsConfigPaths = require('tsconfig-paths');
const root = path.resolve(__dirname, '..', '..', '..');
const { compilerOptions } = require(path.join(root, 'tsconfig.json'));
tsConfigPaths.register({ baseUrl: path.join(root, 'dist'), paths: compilerOptions.paths });
