import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts', 'apps/cli/src/**/*.test.ts', 'apps/web/src/**/*.test.ts', 'reliability/**/*.test.ts'],
    pool: 'forks',
    // At least two files at a time: most files wait on PostgreSQL, child processes or sockets, so on a
    // 2-core machine (where the default is one worker) two workers cut the run from ~420 s to ~240 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    env: { TZ: 'UTC', LOG_LEVEL: 'silent' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
