import { describe, expect, it } from 'vitest';
import { ClaimStore } from '@/src/background/claim-store';
import { loadPackagedDatabase, PACKAGED_FILES, unpackAutomata } from '@/src/claims/packaged';
import { bundledFiles, memoryReader } from '../helpers/bundled-db';

const files = bundledFiles();
const bin = files[PACKAGED_FILES.detector] as Uint8Array;

describe('the packaged claim database (what the worker fetches at start)', () => {
  it('reads detection data and the automata at start, the full claims only when asked', async () => {
    const read = memoryReader(files);
    const db = await loadPackagedDatabase(read);
    expect(read.reads.sort()).toEqual([PACKAGED_FILES.detection, PACKAGED_FILES.detector].sort());
    const store = new ClaimStore(db);
    expect(store.size).toBe(db.detection.claims.length);
    const res = await store.matcher.matchBlocks({ type: 'matchBlocks', blocks: [{ id: 1, text: 'So agent Krasnov is in the White House.' }] });
    expect(res.matches).toHaveLength(1);
    // The card needed the claims in full: read once, then shared.
    expect(Object.keys(res.claims)).toEqual([res.matches[0]!.claimId]);
    await db.claims();
    expect(read.reads.filter((p) => p === PACKAGED_FILES.claims)).toHaveLength(1);
  });

  it('a missing file is an error that names it', async () => {
    for (const name of [PACKAGED_FILES.detection, PACKAGED_FILES.detector]) {
      const { [name]: _gone, ...rest } = files;
      await expect(loadPackagedDatabase(memoryReader(rest))).rejects.toThrow(name);
    }
    const { [PACKAGED_FILES.claims]: _gone, ...noClaims } = files;
    const db = await loadPackagedDatabase(memoryReader(noClaims));
    await expect(db.claims()).rejects.toThrow(PACKAGED_FILES.claims);
  });

  it('a truncated or foreign detector.bin is refused before any table is read', async () => {
    for (const bad of [bin.subarray(0, bin.length - 8), bin.subarray(0, 10), new Uint8Array(bin.length), new TextEncoder().encode('{"not":"binary"}')]) {
      await expect(loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.detector]: bad }))).rejects.toThrow(PACKAGED_FILES.detector);
    }
    expect(() => unpackAutomata(bin.slice(0, 12).buffer)).toThrow(/too short/);
  });

  it('an automaton whose sizes fit but whose indices do not is refused by the bounds check', async () => {
    const bad = bin.slice();
    const [automaton] = unpackAutomata(bad.buffer);
    // Past the 8-word header and the edge starts and counts: the first edge targets (state ids).
    const view = new DataView(automaton.buffer, automaton.byteOffset);
    const states = view.getInt32(4, true);
    view.setInt32(4 * (8 + 2 * states), 0x7fffffff, true);
    const db = await loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.detector]: bad }));
    expect(() => new ClaimStore(db)).toThrow(/automaton: packed data is invalid/);
  });

  it('a corrupt detection.json or claims.json is an error that names it', async () => {
    await expect(loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.detection]: '{"lexicon":' }))).rejects.toThrow(PACKAGED_FILES.detection);
    await expect(loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.detection]: '[]' }))).rejects.toThrow(PACKAGED_FILES.detection);
    const db = await loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.claims]: '[]' }));
    await expect(db.claims()).rejects.toThrow(PACKAGED_FILES.claims);
  });
});
