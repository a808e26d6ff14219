// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Workflow code must stay deterministic: no Node builtins, no I/O libraries, no infrastructure.
const banned = [
  ...builtinModules.flatMap((m) => [m, `node:${m}`]),
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
  '@prisma/client',
  'pg',
  'express',
  'pino',
  'nodemailer',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'generated/', '.data/', '.tools/', 'coverage/', 'web/dist/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned.map((name) => ({
            name,
            message: 'Workflow and domain code is deterministic: no Node builtins or I/O.',
          })),
          patterns: [
            {
              group: ['**/infra/**', '**/activities/**', '**/api/**'],
              message: 'Workflow and domain code imports only @temporalio/workflow, domain/ and types.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process', 'fetch'],
    },
  },
  {
    // What a request may carry has a domain range (issue 10): dates go through the bounded helpers of
    // domain/validation.ts, numbers get a maximum; a raw date or an unbounded number reached PostgreSQL as a 500.
    files: ['api/contrat/**/*.ts', 'domain/**/*.ts'],
    ignores: ['domain/validation.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.property.name='iso'][property.name=/^(date|datetime)$/]",
          message: 'Date sans bornes : utiliser dateBornee, moisBorne ou instantBorne (domain/validation.ts).',
        },
      ],
    },
  },
  {
    // supertest bodies are untyped JSON: asserting on them is what the tests are for.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
);
