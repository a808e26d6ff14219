/** Shared by both projects. */
const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
    // openid-client and its dependencies are ES modules only: compiled to CommonJS for jest's module system.
    '/node_modules/(openid-client|oauth4webapi|jose)/.+\\.js$': [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
  // The generated Prisma client imports its TypeScript siblings as './x.js'.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120_000,
  // Two cores: one test file per core; each integration file runs its own worker.
  maxWorkers: 2,
  projects: [
    {
      ...base,
      displayName: 'dev',
      // Temporal's dev server (and the time-skipping test server) and a throw-away PostgreSQL.
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/test/cluster/'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...base,
      displayName: 'cluster',
      // The production topology: Temporal on PostgreSQL, its services as separate processes. The lifecycle
      // again, and a history host killed during a burst.
      testMatch: ['<rootDir>/test/cluster/**/*.test.ts', '<rootDir>/test/integration/parcours-cycle.test.ts'],
      globalSetup: '<rootDir>/test/cluster/global-setup.ts',
      globalTeardown: '<rootDir>/test/cluster/global-teardown.ts',
      setupFiles: ['<rootDir>/test/cluster/environnement.ts'],
    },
  ],
};
