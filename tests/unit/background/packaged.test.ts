import { describe, expect, it } from 'vitest';
import { checkDataDir } from '../../../scripts/lib/data-files';
import { ClaimStore } from '@/src/background/claim-store';
import { Detector, refsOf } from '@/src/detect/detector';
import { fromBase64 } from '@/src/detect/automaton';
import { PhraseMatcher } from '@/src/detect/phrase-matcher';
import { normalizeText } from '@/src/detect/normalize';
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
    // The page automaton is read on the first getTriggers, once; the phrases' texts not at all.
    const t = await store.matcher.getTriggers();
    await store.matcher.getTriggers();
    expect(t).toEqual({ automaton: expect.any(String), stems: expect.any(String) });
    expect(read.reads.filter((p) => p === PACKAGED_FILES.triggers)).toHaveLength(1);
    expect(read.reads).not.toContain(PACKAGED_FILES.phrases);
  });

  it('the phrase tables read back exactly as the build made them', async () => {
    const { claims, lexicon } = checkDataDir();
    claims.sort((a, b) => a.id.localeCompare(b.id));
    const index = Detector.index(claims, lexicon!);
    const read = memoryReader(files);
    const db = await loadPackagedDatabase(read);
    const got = db.detection.index;
    expect([...got.stems]).toEqual([...index.stems]);
    expect({ ...got.refs, start: [...got.refs.start], claim: [...got.refs.claim], info: [...got.refs.info] }).toEqual({ ...index.refs, start: [...index.refs.start], claim: [...index.refs.claim], info: [...index.refs.info] });
    for (let p = 0; p < index.phrases.length; p += 97) expect(refsOf(got.refs, p)).toEqual(refsOf(index.refs, p));
    expect([...got.automaton]).toEqual([...index.automaton]);
    expect(db.detection.claims.map((c) => [c.id, c.ruleCount])).toEqual(claims.map((c) => [c.id, c.detection.rules.length]));
    // rules.bin: every claim's rules as the data has them, but the triggers (in the phrase tables).
    expect(db.detection.claims.map((c) => c.detection)).toEqual(claims.map((c) => ({ ...c.detection, rules: c.detection.rules.map((r) => ({ ...r, triggers: {} })) })));
    // The phrases' texts are not on the start path: read on first need, once.
    expect(read.reads).not.toContain(PACKAGED_FILES.phrases);
    expect(await db.detection.phrases()).toEqual(index.phrases);
    await db.detection.phrases();
    expect(read.reads.filter((p) => p === PACKAGED_FILES.phrases)).toHaveLength(1);
  });

  it('a reference out of range in detection.bin is refused by the Detector, even under a valid checksum', async () => {
    const det = (files[PACKAGED_FILES.detection] as Uint8Array).slice();
    const view = new DataView(det.buffer);
    const count = view.getUint32(4, true);
    const lengths = Array.from({ length: count }, (_, i) => view.getUint32(12 + 4 * i, true));
    const pad = (n: number) => n + ((4 - (n % 4)) % 4);
    // The first ref's claim (section 4), set to a claim that does not exist; then resealed.
    const refClaims = 4 * (3 + count) + lengths.slice(0, 4).reduce((a, n) => a + pad(n), 0);
    view.setInt32(refClaims, 9_999_999, true);
    await expect(loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.detection]: det }))).rejects.toThrow(/data\/detection\.bin: .*checksum does not match/);
    const words = new Int32Array(det.buffer, 4 * (3 + count));
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
    view.setInt32(8, h, true);
    const db = await loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.detection]: det }));
    expect(() => new ClaimStore(db)).toThrow(/does not fit these claims/);
  });

  it('a truncated, padded or damaged detection.bin or phrases.bin names the file and what is wrong', async () => {
    const det = files[PACKAGED_FILES.detection] as Uint8Array;
    const cases: [Uint8Array, RegExp][] = [
      [det.subarray(0, det.length - 4), /data\/detection\.bin: not a detection file of this build \(\d+ bytes, the header says \d+: truncated or padded\)/],
      [det.subarray(0, 8), /data\/detection\.bin: .*too short/],
      [new Uint8Array(det.length), /data\/detection\.bin: .*wrong magic number/],
      [new TextEncoder().encode('{"lexicon":{}}'), /data\/detection\.bin: .*wrong magic number/],
    ];
    const flipped = det.slice();
    flipped[flipped.length - 5]! ^= 0x10;
    cases.push([flipped, /data\/detection\.bin: .*checksum does not match/]);
    for (const [bad, why] of cases) await expect(loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.detection]: bad }))).rejects.toThrow(why);
    // phrases.bin is read on the first getTriggers: a bad one rejects that (naming the file) and is tried again next time.
    const ph = files[PACKAGED_FILES.phrases] as Uint8Array;
    const read = memoryReader({ ...files, [PACKAGED_FILES.phrases]: ph.subarray(0, ph.length - 8) });
    const db = await loadPackagedDatabase(read);
    await expect(db.detection.phrases()).rejects.toThrow(/data\/phrases\.bin: not a phrase file of this build \(.*truncated/);
    await expect(new ClaimStore(db).matcher.getTriggers({ type: 'getTriggers', texts: true })).rejects.toThrow(PACKAGED_FILES.phrases);
    const other = await loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.phrases]: packDatabase(checkDataDir().claims.slice(0, 3), checkDataDir().lexicon!).phrases }));
    await expect(other.detection.phrases()).rejects.toThrow(/data\/phrases\.bin: .*phrases, data\/detection\.bin has/);
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

  it('an automaton whose sizes fit but whose contents changed is refused by its checksum, naming what is wrong', async () => {
    const bad = bin.slice();
    const automaton = unpackAutomatonFile(bad.buffer, 'x')!;
    // Past the 8-word header: state 1's failure link.
    const view = new DataView(automaton.buffer, automaton.byteOffset);
    view.setInt32(4 * 9, 0x7fffffff, true);
    const db = await loadPackagedDatabase(memoryReader({ ...files, [PACKAGED_FILES.detector]: bad }));
    expect(() => new ClaimStore(db)).toThrow(/automaton: packed data is invalid \(checksum does not match/);
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

  it('a corrupt claims.json is an error that names it', async () => {
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
    const full = new ClaimStore(await loadPackagedDatabase(memoryReader(files))).matcher;
    expect(small).not.toHaveProperty('automaton');
    expect(await full.getTriggers()).toHaveProperty('automaton');
    expect(small).toEqual(await full.getTriggers({ type: 'getTriggers', texts: true }));
  });

  it('imported claims change the database: pages then get the phrases only, until the import is removed', async () => {
    const files2 = bundledFiles();
    const { claims } = checkDataDir();
    const store = new ClaimStore(await loadPackagedDatabase(memoryReader(files2)));
    const quux = { ...structuredClone(claims[0]!), id: 'quux-weather-machine' };
    await store.setImported([quux]);
    expect(await store.matcher.getTriggers()).toEqual({ phrases: expect.any(Array) });
    await store.setImported([]);
    expect(await store.matcher.getTriggers()).toEqual({ automaton: expect.any(String), stems: expect.any(String) });
  });
});

describe('what a page gets from getTriggers', () => {
  it('the prebuilt automaton with one stem flag per trigger finds exactly what the phrases built on the page find', async () => {
    const matcher = new ClaimStore(await loadPackagedDatabase(memoryReader(files))).matcher;
    const packed = await matcher.getTriggers();
    const texts = await matcher.getTriggers({ type: 'getTriggers', texts: true });
    if (!('automaton' in packed) || !('phrases' in texts)) throw new Error('expected one reply of each kind');
    const stems = fromBase64(packed.stems);
    expect(stems.length).toBe(texts.phrases.length);
    expect([...stems]).toEqual(texts.phrases.map((p) => (p.stem ? 1 : 0)));
    expect(stems.filter((s) => s === 1).length).toBeGreaterThan(0);
    const onPage = new PhraseMatcher(stems, fromBase64(packed.automaton));
    const built = new PhraseMatcher(texts.phrases);
    const samples = [
      'Trump was recruited by the KGB in 1987, codename Krasnov.',
      'Krasnowa i Краснова: агент Кремля? #TrumpKrasnov',
      'Er ist Putins Marionette und wurde 1987 angeworben.',
      'Frozen Russian assets at Euroclear; Pyotr Krasnov the ataman.',
      'ترامب عميل روسي؟ 特朗普是俄罗斯间谍吗',
      'The weather in Oslo stays mild this week.',
    ];
    for (const text of samples.map(normalizeText)) expect(onPage.findAll(text)).toEqual(built.findAll(text));
    // Not a vacuous comparison: every sample but the weather has a trigger (the page asks the worker about those).
    expect(samples.map((t) => onPage.findAll(normalizeText(t)).length > 0)).toEqual([true, true, true, true, true, false]);
    expect(samples.map((t) => onPage.hasAnyIn(t))).toEqual(samples.map((t) => built.hasAnyIn(t)));
  });

  it('stems that do not fit the automaton are refused (the page then asks for the texts)', async () => {
    const packed = await new ClaimStore(await loadPackagedDatabase(memoryReader(files))).matcher.getTriggers();
    if (!('automaton' in packed)) throw new Error('expected the prebuilt automaton');
    const stems = fromBase64(packed.stems);
    expect(() => new PhraseMatcher(stems.subarray(1), fromBase64(packed.automaton))).toThrow(/built from other phrases/);
  });
});

