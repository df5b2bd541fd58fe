import { defineConfig } from 'vitest/config';

// Two groups run one after the other. Unit, integration (SQLite + PostgreSQL) and CLI tests run two files at a
// time: most of their time is spent waiting on a child process, PostgreSQL or the disk, which one worker per
// core (vitest's default leaves one of two cores idle) wastes. The browser tests run one file at a time, after
// the rest: each drives Chromium with face models, whose frame rate the verification checks themselves read.
export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
