import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'lib/**', 'node_modules/**', 'logs/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The page script runs in the browser (bundled by scripts/gen-viz-page.mjs).
    files: ['src/viz/page/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The Action logs through @actions/core, never the console.
    files: ['src/action/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
);
