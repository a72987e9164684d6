import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblem } from '../../src/claims/check';
import { packDatabase, PACKAGED_FILES } from '../../src/claims/packaged';
import { checkDataDir } from './data-files';

/** A file the build adds to the extension (WXT's `build:publicAssets` entries). */
type PackagedFile = { relativeDest: string; contents: string } | { relativeDest: string; absoluteSrc: string };

/**
 * The claim database as packaged files of the extension (src/claims/packaged.ts), after checking
 * it: a bad file fails the build with file, claim id and field named. The worker fetches these
 * files at start instead of carrying the data in its script. CLAIMLENS_DATA_DIR points the build
 * at another database (the benchmarks' synthetic ones); the default is data/.
 */
export function claimDataFiles(dataDir = process.env.CLAIMLENS_DATA_DIR): { files: PackagedFile[]; cleanup: () => void } {
  const { problems, claims, lexicon } = checkDataDir(dataDir);
  if (problems.length > 0 || !lexicon) throw new Error(`claim data is invalid:\n${problems.map(formatProblem).join('\n')}`);
  // The worker trusts these files (src/claims/packaged.ts): only checked, parsed data goes in.
  claims.sort((a, b) => a.id.localeCompare(b.id));
  // The Detector's tables are prebuilt here, so a starting worker wraps them instead of
  // normalising every phrase and building its automata (src/detect/detector.ts DetectorIndex).
  const files = packDatabase(claims, lexicon);
  // WXT writes generated files as text: the binary ones go through temporary files.
  const tmp = mkdtempSync(join(tmpdir(), 'claimlens-data-'));
  const binary = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(tmp, name), bytes);
    return join(tmp, name);
  };
  return {
    files: [
      { relativeDest: PACKAGED_FILES.claims, contents: files.claims },
      { relativeDest: PACKAGED_FILES.detection, absoluteSrc: binary('detection.bin', files.detection) },
      { relativeDest: PACKAGED_FILES.phrases, absoluteSrc: binary('phrases.bin', files.phrases) },
      { relativeDest: PACKAGED_FILES.detector, absoluteSrc: binary('detector.bin', files.detector) },
      { relativeDest: PACKAGED_FILES.rules, absoluteSrc: binary('rules.bin', files.rules) },
      { relativeDest: PACKAGED_FILES.triggers, absoluteSrc: binary('triggers.bin', files.triggers) },
    ],
    // Once WXT has copied them (hundreds of MB for the benchmarks' largest database).
    cleanup: () => rmSync(tmp, { recursive: true, force: true }),
  };
}
