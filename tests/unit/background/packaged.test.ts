import { describe, expect, it } from 'vitest';
import { checkDataDir } from '../../../scripts/lib/data-files';
import { ClaimStore } from '@/src/background/claim-store';
import { Detector } from '@/src/detect/detector';
import { loadPackagedDatabase, packDatabase, PACKAGED_FILES, unpackAutomatonFile } from '@/src/claims/packaged';
import { bundledFiles, memoryReader } from '../helpers/bundled-db';

const files = bundledFiles();
const bin = files[PACKAGED_FILES.detector] as Uint8Array;

describe('the packaged claim database (what the worker fetches at start)', () => {
  it('reads detection data and its automaton at start; the full claims and the page automaton only when asked', async () => {
    const read = memoryReader(files);
    const db = await loadPackagedDatabase(read);
    expect(read.reads.sort()).toEqual([PACKAGED_FILES.detection, PACKAGED_FILES.detector, PACKAGED_FILES.rules].sort());
    const store = new ClaimStore(db);
    expect(store.size).toBe(db.detection.claims.length);
    const res = await store.matcher.matchBlocks({ type: 'matchBlocks', blocks: [{ id: 1, text: 'So agent Krasnov is in the White House.' }] });
    expect(res.matches).toHaveLength(1);
    // The card needed the claims in full: read once, then shared.
    expect(Object.keys(res.claims)).toEqual([res.matches[0]!.claimId]);
    await db.claims();
    expect(read.reads.filter((p) => p === PACKAGED_FILES.claims)).toHaveLength(1);
    // The page automaton is read on the first getTriggers, once.
    const t = await store.matcher.getTriggers();
    await store.matcher.getTriggers();
    expect(t.automaton).toBeTypeOf('string');
    expect(read.reads.filter((p) => p === PACKAGED_FILES.triggers)).toHaveLength(1);
  });

  it('the phrase tables read back exactly as the build made them', async () => {
    const { claims, lexicon } = checkDataDir();
    claims.sort((a, b) => a.id.localeCompare(b.id));
    const index = Detector.index(claims, lexicon!);
    const db = await loadPackagedDatabase(memoryReader(files));
    expect(db.detection.index.phrases).toEqual(index.phrases);
    expect(db.detection.index.refs).toEqual(index.refs);
    expect([...db.detection.index.automaton]).toEqual([...index.automaton]);
    const bad = JSON.parse(files[PACKAGED_FILES.detection] as string);
    bad.refs[0] = -9999;
    await expect(loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.detection]: JSON.stringify(bad) }))).rejects.toThrow(/refers to nothing/);
  });

  it('a missing file is an error that names it', async () => {
    for (const name of [PACKAGED_FILES.detection, PACKAGED_FILES.detector, PACKAGED_FILES.rules]) {
      const { [name]: _gone, ...rest } = files;
      await expect(loadPackagedDatabase(memoryReader(rest))).rejects.toThrow(name);
    }
    const { [PACKAGED_FILES.claims]: _c, [PACKAGED_FILES.triggers]: _t, ...partial } = files;
    const db = await loadPackagedDatabase(memoryReader(partial));
    await expect(db.claims()).rejects.toThrow(PACKAGED_FILES.claims);
    await expect(new ClaimStore(db).matcher.getTriggers()).rejects.toThrow(PACKAGED_FILES.triggers);
  });

  it('a truncated or foreign automaton file is refused before any table is read', async () => {
    for (const bad of [bin.subarray(0, bin.length - 8), bin.subarray(0, 6), new Uint8Array(bin.length), new TextEncoder().encode('{"not":"binary"}')]) {
      await expect(loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.detector]: bad }))).rejects.toThrow(PACKAGED_FILES.detector);
    }
    expect(() => unpackAutomatonFile(bin.slice(0, bin.length - 1).buffer, 'x.bin')).toThrow(/x\.bin: .*the header says/);
    const db = await loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.triggers]: new Uint8Array(3) }));
    await expect(db.triggerAutomaton()).rejects.toThrow(PACKAGED_FILES.triggers);
  });

  it('an automaton whose sizes fit but whose indices do not is refused by the bounds check', async () => {
    const bad = bin.slice();
    const automaton = unpackAutomatonFile(bad.buffer, 'x')!;
    // Past the 8-word header and the edge starts and counts: the first edge targets (state ids).
    const view = new DataView(automaton.buffer, automaton.byteOffset);
    const states = view.getInt32(4, true);
    view.setInt32(4 * (8 + 2 * states), 0x7fffffff, true);
    const db = await loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.detector]: bad }));
    expect(() => new ClaimStore(db)).toThrow(/automaton: packed data is invalid/);
  });

  it('a claim\'s rules are parsed on its first match; a truncated rules.bin or corrupt rules name the file', async () => {
    const rules = files[PACKAGED_FILES.rules] as Uint8Array;
    await expect(loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.rules]: rules.subarray(0, rules.length - 1) }))).rejects.toThrow(PACKAGED_FILES.rules);
    await expect(loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.rules]: rules.subarray(0, 12) }))).rejects.toThrow(PACKAGED_FILES.rules);
    // Same size, garbage inside: the start is fine (nothing parsed yet), the first match says which file.
    const bad = rules.slice();
    bad.fill(0x7b, bad.length - 200);
    const db = await loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.rules]: bad }));
    const store = new ClaimStore(db);
    const last = db.detection.claims[db.detection.claims.length - 1]!;
    expect(() => last.detection).toThrow(/data\/rules\.bin: the rules of claim/);
    expect(store.size).toBe(db.detection.claims.length);
  });

  it('a corrupt detection.json or claims.json is an error that names it', async () => {
    await expect(loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.detection]: '{"lexicon":' }))).rejects.toThrow(PACKAGED_FILES.detection);
    await expect(loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.detection]: '[]' }))).rejects.toThrow(PACKAGED_FILES.detection);
    const db = await loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.claims]: '[]' }));
    await expect(db.claims()).rejects.toThrow(PACKAGED_FILES.claims);
  });
});

describe('a database too large to send its trigger automaton to pages', () => {
  it('is packaged without it: getTriggers sends the phrases and the page builds its own', async () => {
    const { claims, lexicon } = checkDataDir();
    claims.sort((a, b) => a.id.localeCompare(b.id));
    const f = packDatabase(claims, lexicon!, 0);
    expect(f.triggers.length).toBe(8);
    const db = await loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.triggers]: f.triggers }));
    expect(await db.triggerAutomaton()).toBeUndefined();
    const small = await new ClaimStore(db).matcher.getTriggers();
    const full = await new ClaimStore(await loadPackagedDatabase(memoryReader(files))).matcher.getTriggers();
    expect(small.automaton).toBeUndefined();
    expect(full.automaton).toBeTypeOf('string');
    expect(small.phrases).toEqual(full.phrases);
  });

  it('imported claims change the database: pages then get the phrases only, until the import is removed', async () => {
    const files2 = bundledFiles();
    const { claims } = checkDataDir();
    const store = new ClaimStore(await loadPackagedDatabase(memoryReader(files2)));
    const quux = { ...structuredClone(claims[0]!), id: 'quux-weather-machine' };
    store.setImported([quux]);
    expect((await store.matcher.getTriggers()).automaton).toBeUndefined();
    store.setImported([]);
    expect((await store.matcher.getTriggers()).automaton).toBeTypeOf('string');
  });
});
