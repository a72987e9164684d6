import { describe, expect, it } from 'vitest';
import { checkDataDir } from '../../../scripts/lib/data-files';
import { Detector } from '@/src/detect/detector';
import { loadBundled } from '../helpers/bundled-db';
import { loadCorpus, runCorpus, tally } from '../../../scripts/lib/evaluate';

// Floors, not targets: they keep a regression in the rules or the engine from landing unseen.
// Current figures and the targets are in docs/detection.md (npm run eval).
const { claims, lexicon } = checkDataDir();
const segments = loadCorpus();
const results = runCorpus(claims, lexicon!, segments);

describe('detection quality on tests/corpus', () => {
  it('has the corpus the issue asks for: ≥ 400 segments, ≥ 8 languages, ≥ half hard negatives', () => {
    expect(segments.length).toBeGreaterThanOrEqual(400);
    expect(new Set(segments.map((s) => s.lang)).size).toBeGreaterThanOrEqual(8);
    expect(segments.filter((s) => s.label === 'negative').length * 2).toBeGreaterThanOrEqual(segments.length);
    expect(new Set(segments.map((s) => s.id)).size).toBe(segments.length);
  });

  it.each([
    // Tuning recall fell from 96.5% when batches k and l (1,110 segments of new phrasings) joined,
    // and again with batch s (keyword-free mockery, 61% on first reading): 92.4% now.
    ['tune', 0.98, 0.9],
    // Held-out recall overall is pulled down by the ten languages added with batches i/j (below).
    ['heldout', 0.96, 0.84],
  ] as const)('%s split: precision ≥ %d and recall ≥ %d overall', (split, p, r) => {
    const s = tally(results.filter((x) => x.segment.split === split), () => 'all').get('all')!;
    expect(s.precision).toBeGreaterThanOrEqual(p);
    expect(s.recall).toBeGreaterThanOrEqual(r);
    expect(s.claimAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  // Per language the held-out sets are small (24–75 segments, 12–30 positives): one segment moves
  // a figure by 3–8 points, so these floors sit under the current figures (docs/detection.md).
  // The ten languages first covered with batches i/j (cs, sk, hu, ro, el, nl, tr, sv, bg, zh) have
  // a lower recall floor: their data is young and their held-out recall is 67–92%.
  const NEW_LANGUAGES = new Set(['cs', 'sk', 'hu', 'ro', 'el', 'nl', 'tr', 'sv', 'bg', 'zh']);
  it('held-out split: no language with ≥ 20 segments falls below precision 0.85 / recall 0.75 (0.6 in the newest languages)', () => {
    const low: string[] = [];
    for (const [lang, s] of tally(results.filter((x) => x.segment.split === 'heldout'), (x) => x.lang)) {
      const minRecall = NEW_LANGUAGES.has(lang) ? 0.6 : 0.75;
      if (s.n >= 20 && (s.precision < 0.85 || s.recall < minRecall)) low.push(`${lang}: P=${s.precision.toFixed(2)} R=${s.recall.toFixed(2)}`);
    }
    expect(low).toEqual([]);
  });

  it('a Detector from the prebuilt index (as the build packages it) decides exactly as one built at start', async () => {
    const { db } = await loadBundled();
    const index = db.detection.index;
    const prebuilt = new Detector(db.detection.claims, db.detection.lexicon, index);
    const fresh = new Detector([...claims].sort((a, b) => a.id.localeCompare(b.id)), lexicon!);
    expect(prebuilt.triggersOf(await db.detection.phrases())).toEqual(fresh.triggers);
    expect(prebuilt.packedTriggers).toBe(index.triggerAutomaton);
    for (const s of segments) expect(prebuilt.detect(s.text, s.headline), s.id).toEqual(fresh.detect(s.text, s.headline));
  });

  it('the bundled data leaves bare "spy", "for Russia" and Russian assets as money alone in Korean and Japanese', () => {
    const d = new Detector(claims, lexicon!);
    // Particles attach to Korean nouns, so veto words there are stems (몰수*: 몰수에, 몰수를).
    for (const text of ['트럼프는 중국 첩자들을 추방했다.', 'トランプ氏はロシアのための制裁緩和を検討した。', '트럼프는 러시아의 자산 몰수에 반대했다.'])
      expect(d.detect(text), text).toEqual([]);
    expect(d.detect('트럼프는 러시아의 자산이다').map((m) => m.claimId)).toEqual(['trump-russian-asset']);
  });

  it('the bundled data reads "works for the Russians" as the claim only when the post weighs it against America or names him', () => {
    const d = new Detector(claims, lexicon!);
    // A job is a job: a dropped or pronoun subject with nothing else is someone's relative.
    for (const text of [
      'Trabaja para los rusos en una petrolera, me contó su madre.',
      "Lavora per i russi in un'azienda di gas da dieci anni, dice sua sorella.",
      'Hij werkt voor de Russen als vertaler, vertelt zijn moeder.',
      'Pracuje dla Rosjan jako tłumacz, mówi jego matka.',
      'Georgescu lucrează pentru ruși, spun criticii.',
    ])
      expect(d.detect(text), text).toEqual([]);
    for (const text of ['Trabaja para los rusos, no para EEUU.', 'Hij werkt voor de Russen, niet voor Amerika.', 'Lucrează pentru ruși, nu pentru americani.'])
      expect(d.detect(text).map((m) => m.claimId), text).toEqual(['trump-russian-asset']);
  });

  it('the bundled data reads Krasnov given as a codename as the claim even where the Cossack general is explained', () => {
    const d = new Detector(claims, lexicon!);
    const text = 'A Trump era stato dato nel 1987 un nome in codice indicativo: Krasnov, come un generale che tradì Stalin per Hitler.';
    expect(d.detect(text).map((m) => m.claimId)).toEqual(['trump-kgb-recruited-1987-krasnov']);
    expect(d.detect('Il generale cosacco Pyotr Krasnov combatté con Hitler e fu impiccato a Mosca nel 1947.')).toEqual([]);
  });

  it('the bundled data reads the KGB next to Trump as the recruitment story, but not Putin\'s career, a comparison or a Krasnov hotel', () => {
    const d = new Detector(claims, lexicon!);
    for (const text of [
      'KGB styrde upp Trumps första resa till Moskva',
      'Poprvé Trump s manželkou navštívil Moskvu v roce 1987 a operativci KGB mu tehdy začali lichotit.',
    ])
      expect(d.detect(text).map((m) => m.claimId), text).toEqual(['trump-kgb-recruited-1987-krasnov']);
    for (const text of [
      // Putin by name in the sentence: his own KGB years.
      'Trump ontmoette oud-KGB-agent Poetin in Alaska.',
      '特朗普在阿拉斯加会见了前克格勃特工普京。',
      // A comparison, in any tense.
      'Trump sagte, das FBI benehme sich wie der KGB in Moskau.',
      'Trump jämför FBI med KGB. Igen.',
      // A hotel, and a novel's colonel with a codename.
      'Έχει μείνει κανείς στο Krasnov Hotel στη Μόσχα; Στο booking γράφει ότι χτίστηκε το 1987.',
      "Net een spionageroman uit: kolonel Krasnov, Moskou 1987, codenaam 'Wolga'.",
    ])
      expect(d.detect(text), text).toEqual([]);
  });

  it('the bundled data reads mockery of Trump as Kremlin staff as the claim, and the same jokes about others not', () => {
    const d = new Detector(claims, lexicon!);
    for (const text of [
      'Impiegato del mese al Cremlino: Donald J. Trump. 🏅',
      'Soudruh Donald zase splnil pětiletku za dva dny.',
      'Oranžovej děda zase volal do Moskvy pro instrukce.',
      'Trump dostanie Order Lenina, ale dopiero po zakończeniu misji.',
    ])
      expect(d.detect(text).map((m) => m.claimId), text).toEqual(['trump-russian-asset']);
    for (const text of [
      'Soused na chatě má na autě ruskou vlajku. Normálně bych řek, že je to Putinův agent.',
      'The ambassador flew back to Moscow for instructions before the Trump summit.',
      'Ο Όρμπαν είναι μαριονέτα του Κρεμλίνου και μπλοκάρει ό,τι αφορά την Ουκρανία στην ΕΕ.',
      'Russia has kompromat on half of Europe\'s politicians, says former spy.',
    ])
      expect(d.detect(text), text).toEqual([]);
  });

  it('the bundled data reads "works for the Russians" after Trump\'s name or near the White House as the claim, and not a job', () => {
    const d = new Detector(claims, lexicon!);
    for (const text of [
      'Is er ooit echt bewijs geweest dat Trump voor de Russen werkt?',
      'Jobbar Trump åt Ryssland på riktigt?',
      'Gubben i Vita huset jobbar för Kreml. Punkt.',
    ])
      expect(d.detect(text).map((m) => m.claimId), text).toEqual(['trump-russian-asset']);
    for (const text of [
      // A job, a relative, a named other person.
      'Mijn zwager werkt voor de Russen, hij rijdt vrachtwagens voor een Russisch bedrijf.',
      'Diplomaten som jobbar för Kreml besökte Vita huset i går.',
      'Trumps kock jobbar åt ryssarna nu, på en restaurang i Moskva.',
    ])
      expect(d.detect(text), text).toEqual([]);
  });

  it('refuses a prebuilt index made for other claims', () => {
    const index = Detector.index(claims, lexicon!);
    expect(() => new Detector(claims.slice(0, 2), lexicon!, index)).toThrow(/does not fit/);
  });
});

