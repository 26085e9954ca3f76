import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'metadata/**/*.test.ts', 'plugins/**/*.test.ts', 'runtime-ui/src/**/*.test.ts', 'studio/src/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['tests/bench/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    setupFiles: ['tests/setup/fast-check.ts'],
    globalSetup: ['tests/setup/build-web.ts'],
    pool: 'forks',
    maxWorkers: 2,
  },
});
