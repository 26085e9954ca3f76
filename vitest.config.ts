import { defineConfig } from 'vitest/config';

/**
 * The browser scenarios run one file at a time (two Chromiums driving React Flow and antd at once starved each other
 * into timeouts on the machines' two cores), beside everything else, which runs two files at a time.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    setupFiles: ['tests/setup/fast-check.ts'],
    globalSetup: ['tests/setup/build-web.ts'],
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          include: ['engine/**/*.test.ts', 'metadata/**/*.test.ts', 'plugins/**/*.test.ts', 'runtime-ui/src/**/*.test.ts', 'studio/src/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['tests/browser/**', 'tests/bench/**', 'node_modules/**'],
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], maxWorkers: 1 },
      },
    ],
  },
});
