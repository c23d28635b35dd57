import { defineConfig } from 'vitest/config';

// `pnpm test:system`: tests that start Redis, nginx or Chromium. They own ports and
// processes, so files run one at a time.
export default defineConfig({
  test: {
    name: 'system',
    include: ['{packages,apps}/*/{src,test,e2e}/**/*.system.test.ts'],
    exclude: ['**/node_modules/**'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
