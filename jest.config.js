/**
 * ESM jest with ts-jest, as in actions/typescript-action. Two projects: `runc` runs every test;
 * `runsc` runs the Docker sandbox suite (test/sandbox/docker-*) again with the containers under
 * gVisor (test/support/runsc-env.ts sets RLM_TEST_RUNTIME=runsc before each file loads).
 * `--selectProjects runc` (or runsc) runs one of them.
 */
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/test/global-setup.ts',
};

export default {
  projects: [
    { ...common, displayName: 'runc', testMatch: ['<rootDir>/test/**/*.test.ts'] },
    {
      ...common,
      displayName: 'runsc',
      testMatch: ['<rootDir>/test/sandbox/docker-*.test.ts'],
      setupFiles: ['<rootDir>/test/support/runsc-env.ts'],
    },
  ],
  // Two cores: Docker-heavy suites contend with each other beyond this.
  maxWorkers: 2,
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.cjs'],
  verbose: false,
};
