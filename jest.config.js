/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type checking is `npm run typecheck`; tests only transpile, which keeps them fast.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 20000,
  // Test files run in two worker processes, each replaced once it holds more than 1 GB after a
  // file: run in one process, the whole suite's leftovers (apps, local Slacks, sockets) grew the
  // heap until garbage collection starved the run.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
};
