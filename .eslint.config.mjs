// Flat config. It lives in a dotfile because the top level holds only the agreed files;
// package.json's "lint" script passes it with -c.
import tseslint from 'typescript-eslint';

/** The browser bundle takes only the contract's types from the server side. */
const WEB_SERVER_IMPORTS = {
  group: ['@app/*', '!@app/contract', '**/libs/*', '**/apps/api/*', '**/apps/dispatcher/*', '**/apps/gateway/*'],
  message: 'web pages use only the public API (and the types of @app/contract)',
};
/** Shared web modules (components, hooks, helpers) serve the pages; they never import one. */
const WEB_SHARED_NO_PAGES = { regex: '(^|/)pages(/|$)', message: 'shared web code must not import a page' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'apps/web/dist/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps/*', '../../apps/*'], message: 'libs must not import from apps' }] },
      ],
    },
  },
  {
    // The domain model and the routing engine stay free of frameworks and I/O.
    files: ['libs/domain/**/*.ts', 'libs/dispatch/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'pg',
                'ioredis',
                'bullmq',
                'socket.io*',
                'node:fs',
                'fs',
                'node:http',
                'http',
              ],
              message: 'domain and dispatch code is pure: no frameworks, no I/O',
            },
            { group: ['@app/*', '!@app/domain'], message: 'domain and dispatch may only depend on @app/domain' },
          ],
        },
      ],
    },
  },
  {
    // The contract is types only, shared by the server and the browser bundle: it imports nothing
    // but its own files and the error-code registry's (a file that imports nothing itself).
    files: ['libs/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./|\\.\\./\\.\\./domain/src/errors/error-codes$)',
              message: 'libs/contract is types only: it imports nothing but its own files and the error-code registry',
            },
          ],
        },
      ],
    },
  },
  {
    // The web pages are a browser bundle: they speak only the public API and the gateway, so they
    // import nothing from the server's libs or apps but the contract's types.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [WEB_SERVER_IMPORTS, WEB_SHARED_NO_PAGES] }],
    },
  },
  {
    // One folder per page: a page uses its own parts (./) and the shared modules (../../), never
    // another page's folder: what two pages share moves to apps/web/src/components/.
    files: ['apps/web/src/pages/**/*.ts', 'apps/web/src/pages/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            WEB_SERVER_IMPORTS,
            {
              regex: '^\\.\\./(?!\\.\\./)',
              message: 'a page must not import another page: move the shared part to apps/web/src/components/',
            },
          ],
        },
      ],
    },
  },
  {
    // The entry point is the one module that knows every page.
    files: ['apps/web/src/main.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [WEB_SERVER_IMPORTS] }] },
  },
  {
    // Tests and benchmarks compose the apps; they may import them.
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // One writer of the custody log (libs/database/src/luggage/luggage-store.ts): everywhere else
    // the entity is a type only, so no code can get its repository and insert a row around the
    // state machine and the booking's row lock. Readers use custodyLog().
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['libs/database/src/luggage/**', 'libs/database/src/entities/**', 'libs/database/src/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@app/database',
              importNames: ['CustodyEventEntity'],
              allowTypeImports: true,
              message:
                'custody rows are written only by transitionLuggage (libs/database/src/luggage); read them with custodyLog()',
            },
          ],
          patterns: [
            {
              group: [
                '**/entities',
                '**/entities/index',
                '**/custody-event.entity',
                '**/database/src',
                '**/database/src/index',
              ],
              importNames: ['CustodyEventEntity'],
              allowTypeImports: true,
              message:
                'custody rows are written only by transitionLuggage (libs/database/src/luggage); read them with custodyLog()',
            },
          ],
        },
      ],
    },
  },
  {
    // No app imports another app, its tests included: what two apps share lives in libs/.
    files: [
      'apps/api/**/*.ts',
      'apps/dispatcher/**/*.ts',
      'apps/gateway/**/*.ts',
      'apps/launcher/**/*.ts',
      'apps/simulator/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(apps/)?(api|dispatcher|gateway|launcher|simulator|web)/src(/|$)',
              message: 'an app must not import another app: move the shared code to libs/',
            },
          ],
        },
      ],
    },
  },
);
