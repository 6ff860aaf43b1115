// Lint gate: a warning is an error (npm run lint uses --max-warnings 0).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'var/', 'test-results/', 'tiles/build/', '.prof/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Only web/net/socket.ts may talk to Socket.IO; only server/wire may be imported from server/.
    files: ['web/**/*.{ts,tsx}'],
    ignores: ['web/net/socket.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'socket.io-client', message: 'Only web/net/socket.ts owns the socket.' }],
        patterns: [{ regex: '^(\\.\\./)+server/(?!wire/)', message: 'web/ may import only server/wire from server/.' }],
      }],
    },
  },
);
