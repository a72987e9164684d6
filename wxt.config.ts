import { defineConfig } from 'wxt';
import { claimDataFiles } from './scripts/lib/claim-data-plugin';

/** Removes the temporary copies of the packaged binary data files of the last build. */
let cleanupData = () => {};

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Parallel work (several agents, benchmarks) can build side by side: CLAIMLENS_OUT_DIR=.output-x
  outDir: process.env.CLAIMLENS_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    // Name, description and all UI text come from public/_locales (en, de, ru).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Each permission is justified in docs/architecture.md ("Permissions"): storage for settings,
    // hidden matches and imported claims; scripting to run on the sites the user adds. The
    // content script's host access on X, TikTok and the news sites comes from its match patterns,
    // and the badge uses the action API, which needs none.
    permissions: ['storage', 'scripting'],
    // Asked for at run time, one site at a time (or all https sites), only when the user adds a
    // site in the options; nothing is granted at install.
    optional_host_permissions: ['https://*/*'],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // ClaimLens collects and transmits nothing: Firefox's data-collection declaration says so.
            gecko: { id: 'claimlens@claimlens.invalid', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
  hooks: {
    // The checked claim database, packaged as files the worker fetches at start (data/*.json,
    // data/*.bin): see src/claims/packaged.ts. The binary files go through a temporary directory.
    'build:publicAssets': (_wxt, files) => {
      cleanupData();
      const data = claimDataFiles();
      cleanupData = data.cleanup;
      files.push(...data.files);
    },
    'build:done': () => cleanupData(),
  },
  // The sources zip AMO asks for: the project, without generated or benchmark files.
  zip: { excludeSources: ['bench/tmp/**', 'bench/results.json', '.output*/**', 'demo-output/**', 'test-results/**', 'playwright-report/**'] },
});
