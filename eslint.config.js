import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
              group: ['**/src/**', '!**/src/kit/*'],
              message: 'A plugin imports only from src/kit/ (tool.js, testio.js, testr.js, ...). Export what you need there.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**', 'bench/**', 'test/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);
