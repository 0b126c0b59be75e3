import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds web/dist once, before any worker starts, for the browser tests.
    globalSetup: ['tests/support/global-setup.ts'],
    // Files in one worker share its databases (see tests/support/db.ts); each test resets what it uses.
    pool: 'forks',
    isolate: false,
    maxWorkers: 2,
    // A ceiling for slow machines (browser tests loop over two widths), not an expected duration.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 20_000,
    reporters: ['verbose'],
  },
});
