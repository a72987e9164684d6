#!/usr/bin/env bash
# npm run demo: installs what it needs, builds, and opens Chromium with ClaimLens on the demo
# pages. Without a display it runs headless and writes screenshots to demo-output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
if [ ! -d node_modules ]; then PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci; fi
npm run build
npx tsx scripts/demo.ts "$@"
