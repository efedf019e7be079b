import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const PLATFORM_BOUNDARY =
  'src/platform/ never imports an area (or the composition root, the CLI, the sandbox). Give the platform an extension point (src/platform/area.ts) and wire the area in src/areas.ts.';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // stdout is the MCP protocol: only the CLI may print, through src/cli/output.ts.
      'no-console': 'error',
    },
  },
  {
    // A tool builds on the stable entry points in src/kit/, so moving a file inside the platform
    // or an area never breaks a plugin.
    files: ['plugins/*/tool.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // A regex: a gitignore-style negation cannot re-include a file below an excluded folder.
              regex: '(^|/)src/(?!kit/[^/]+$)',
              message: 'A plugin imports only from src/kit/ (tool.js, testio.js, testr.js, ...). Export what you need there.',
            },
          ],
        },
      ],
    },
  },
  {
    // The platform serves any area and knows none: areas plug in through the composition root
    // (src/areas.ts). An import from src/platform/ to anything outside it is an error.
    files: ['src/platform/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./', message: PLATFORM_BOUNDARY }] }] },
  },
  {
    files: ['src/platform/*/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./\\.\\./', message: PLATFORM_BOUNDARY }] }] },
  },
  {
    files: ['src/cli/**', 'bench/**', 'test/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);
