import { defineConfig } from 'vitest/config';

// `pnpm test`: everything that needs only Node. Files named *.system.test.ts need other
// programs (Redis, nginx, Chromium) and run under `pnpm test:system`.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['{packages,apps}/*/{src,test}/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.system.test.ts', 'apps/web/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      'apps/web',
    ],
  },
});
