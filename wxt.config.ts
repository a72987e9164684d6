import { defineConfig } from 'wxt';
import { claimDataPlugin } from './scripts/lib/claim-data-plugin';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Parallel work (several agents, benchmarks) can build side by side: CLAIMLENS_OUT_DIR=.output-x
  outDir: process.env.CLAIMLENS_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    name: 'ClaimLens',
    description: 'Inline fact-checks for claims that spread on X, TikTok and news sites. Reads pages locally; sends nothing.',
    // No "permissions": the content script's host access comes from its match patterns, and the
    // badge uses the action API, which needs none. See docs/architecture.md.
    action: { default_title: 'ClaimLens' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // ClaimLens collects and transmits nothing: Firefox's data-collection declaration says so.
            gecko: { id: 'claimlens@claimlens.invalid', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
  vite: () => ({ plugins: [claimDataPlugin()] }),
});
