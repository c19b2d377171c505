// globalSetup runs outside jest's module registry, so moduleNameMapper does not apply there.
import { resolve } from 'node:path';
import { register } from 'tsconfig-paths';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compilerOptions } = require('../../tsconfig.json') as { compilerOptions: { paths: Record<string, string[]> } };
register({ baseUrl: resolve(__dirname, '../..'), paths: compilerOptions.paths });
