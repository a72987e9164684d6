import type { UserConfig } from 'wxt';
import base from '../wxt.config';

/**
 * The production config plus source maps (and optionally no minification): used by
 * `npm run bench` to attribute the content script's bytes to source files and packages, and by
 * profiling runs (BENCH_NO_MINIFY=1) to get readable function names. Same entrypoints, same
 * data plugin, same output layout; built into its own CLAIMLENS_OUT_DIR.
 */
const config: UserConfig = {
  ...base,
  vite: (env) => {
    const v = typeof base.vite === 'function' ? base.vite(env) : {};
    return { ...v, build: { ...(v as { build?: object }).build, sourcemap: true, ...(process.env.BENCH_NO_MINIFY ? { minify: false } : {}) } };
  },
};
export default config;
