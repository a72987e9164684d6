import type { Plugin } from 'vite';
import { formatProblem } from '../../src/claims/check';
import { Detector } from '../../src/detect/detector';
import { checkDataDir } from './data-files';

export const CLAIM_DATA_MODULE = 'virtual:claimlens-data';
const RESOLVED = `\0${CLAIM_DATA_MODULE}`;
/** Largest prebuilt index (base64 characters of both automata) bundled into the worker: 16 MB. */
const PREBUILT_MAX = 16 * 1024 * 1024;

/**
 * Bundles the claim database into the background as one module, after checking it: a bad file
 * fails the build with file, claim id and field named. CLAIMLENS_DATA_DIR points the build at
 * another database (the benchmarks' synthetic ones); the default is data/.
 */
export function claimDataPlugin(dataDir = process.env.CLAIMLENS_DATA_DIR): Plugin {
  return {
    name: 'claimlens-data',
    resolveId(id) {
      return id === CLAIM_DATA_MODULE ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      const { problems, claims, lexicon } = checkDataDir(dataDir);
      if (problems.length > 0 || !lexicon) throw new Error(`claim data is invalid:\n${problems.map(formatProblem).join('\n')}`);
      // The worker trusts this module (src/claims/bundled.ts): only checked, parsed data goes in.
      claims.sort((a, b) => a.id.localeCompare(b.id));
      // The Detector's tables are prebuilt here, so a starting worker wraps them instead of
      // normalising every phrase and building its automata (src/detect/detector.ts DetectorIndex).
      // Past PREBUILT_MAX the packed tables would outweigh what they save (and bloat the worker's
      // script): a very large database (the benchmarks' synthetic ones) is indexed at start.
      const index = Detector.index(claims, lexicon);
      const packed = index.automaton.length + index.triggerAutomaton.length;
      const data = packed <= PREBUILT_MAX ? { claims, lexicon, index } : { claims, lexicon };
      // JSON.parse of a string is faster for V8 to load than the same object as a JS literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`;
    },
  };
}
