// Lint config: typescript-eslint's type-aware recommended rules over all TypeScript sources.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Electron belongs to the adapters (main/app) and preload only: everything else runs, and is tested,
// without the binary. Any folder of main/ but app/ is covered, so a renamed or new folder is too.
const electron = {
  paths: [{ name: 'electron', message: 'Only main/app (the Electron adapters) and preload import electron; core, ipc, cli, the tray logic and the renderer run without it.' }],
  patterns: [{ group: ['electron/*'], message: 'Only main/app and preload import electron.' }],
};
// The renderer is a sandboxed page: its own modules, and from main only these pure ones as values
// (any type may be imported: types are erased).
const RENDERER_VALUES_FROM_MAIN = ['core/errors', 'core/targets', 'core/types', 'core/validate', 'core/profile-name', 'core/i18n/locale', 'core/renew/asker-text', 'ipc/contract'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'docs/**', '**/*.mjs', '**/*.cjs', 'coverage/**', '.tmp/**', '.demo/**', 'tools/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // node:test's test()/describe() return promises the runner awaits itself.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['main/**/*.ts', 'renderer/**/*.ts'],
    ignores: ['main/app/**'],
    rules: { 'no-restricted-imports': ['error', electron] },
  },
  {
    // Core takes the platform as a parameter (default: HOST_PLATFORM, read once in main/core/host.ts).
    files: ['main/core/**/*.ts'],
    ignores: ['main/core/host.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'platform', message: 'main/core takes the platform as a parameter; default it to HOST_PLATFORM from main/core/host.ts.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!\\.)', message: 'The renderer imports no package and no Node module: it runs in a sandboxed page.' },
            {
              regex: `^\\.\\./main/(?!(${RENDERER_VALUES_FROM_MAIN.join('|')})$)`,
              allowTypeImports: true,
              message: `From main/ the renderer imports values only from ${RENDERER_VALUES_FROM_MAIN.join(', ')} (pure modules; types from anywhere).`,
            },
            { regex: '^\\.\\./(?!main/)', message: 'The renderer imports only its own modules and the pure ones of main/.' },
          ],
        },
      ],
    },
  },
);
