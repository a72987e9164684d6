import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { claimDataPlugin } from './scripts/lib/claim-data-plugin';

export default defineConfig({
  // The WXT plugin gives unit tests the same aliases and an in-memory fake `browser`.
  plugins: [WxtVitest(), claimDataPlugin()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['tests/unit/helpers/setup.ts'],
  },
});
