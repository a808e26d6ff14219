const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
  // openid-client and its dependencies are ES modules only: compiled to CommonJS for jest's module system.
  '/node_modules/(openid-client|oauth4webapi|jose)/.+\\.js$': [
    '@swc/jest',
    { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
const commun = {
  testEnvironment: 'node',
  transform,
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
    // Pure units: no service started, seconds (`npm run test:unit`).
    { ...commun, displayName: 'unit', roots: ['<rootDir>/test/unit'], testMatch: ['**/*.test.ts'] },
    // Real PostgreSQL and Temporal, started once by the global setup; browser tests drive Chromium.
    {
      ...commun,
      displayName: 'integration',
      testEnvironment: '<rootDir>/test/browser/environnement.ts',
      roots: ['<rootDir>/test/integration', '<rootDir>/test/replay', '<rootDir>/test/browser'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    // The production topology: Temporal on PostgreSQL, its services as separate processes (built from the Go
    // module when not cached). The lifecycle again, and a history host killed during a burst.
    {
      ...commun,
      displayName: 'cluster',
      roots: ['<rootDir>/test/cluster', '<rootDir>/test/integration'],
      testMatch: ['<rootDir>/test/cluster/**/*.test.ts', '<rootDir>/test/integration/parcours-cycle.test.ts'],
      globalSetup: '<rootDir>/test/cluster/global-setup.ts',
      globalTeardown: '<rootDir>/test/cluster/global-teardown.ts',
      setupFiles: ['<rootDir>/test/cluster/environnement.ts'],
    },
  ],
};
