import { defineConfig } from 'wxt';
import { formatProblem } from './src/claims/check';
import { checkDataDir } from './scripts/lib/data-files';

// See https://wxt.dev/api/config.html
export default defineConfig({
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
  hooks: {
    // A bad claim file fails the build with the file, claim and field named.
    'build:before': () => {
      const { problems } = checkDataDir();
      if (problems.length > 0) throw new Error(`claim data is invalid:\n${problems.map(formatProblem).join('\n')}`);
    },
  },
});
