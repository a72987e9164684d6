/**
 * npm run claims:synth -- [--count N] [--out DIR] [--seed S]
 *
 * Writes a synthetic claim database for benchmarks: DIR/claims/<id>.json (one file per claim)
 * and DIR/lexicon.json (a copy of data/lexicon.json), N plausible, varied claims about invented
 * public figures, deterministic for a seed, then runs checkDatabase on what it wrote and prints
 * the count and the times. Defaults: N = 1000, S = 1, DIR = bench/tmp/synth-N (gitignored).
 *
 * Synthetic data is never bundled and never mixed with data/: every name is invented, every URL
 * is on a reserved example domain (*.example, example.org), and the script refuses to write into
 * data/ or into a directory that holds claims it did not generate (it marks its own with
 * .claimlens-synth.json).
 *
 * Build against it with CLAIMLENS_DATA_DIR=DIR (see scripts/lib/claim-data-plugin.ts).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { checkDatabase, formatProblem, type SourceFile } from '../src/claims/check';
import { Lexicon, type ClaimInput, type Verdict } from '../src/claims/schema';
import { ROOT } from './lib/data-files';
import { runCli } from './lib/cli';

// ───────────────────────────── deterministic randomness ─────────────────────────────

/** mulberry32 seeded with a string hash: the same seed gives the same database on every machine. */
export function rng(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(list: readonly T[]): T[] {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of table) if ((x -= w) < 0) return v;
    return table[table.length - 1]![0];
  }
}

// ───────────────────────────── invented names ─────────────────────────────

// Consonant–vowel syllables written with letters that have one Cyrillic equivalent each, so a
// name and its Cyrillic spelling are both unique.
const ONSETS = ['ba', 'be', 'bo', 'da', 'de', 'do', 'du', 'fa', 'fe', 'ga', 'go', 'ka', 'ke', 'ko', 'ku', 'la', 'le', 'li', 'lo', 'ma', 'me', 'mi', 'mo', 'na', 'ne', 'no', 'pa', 'pe', 'ra', 're', 'ri', 'ro', 'sa', 'se', 'so', 'ta', 'te', 'to', 'va', 've'];
const MIDDLES = ['da', 'di', 'do', 'ka', 'ki', 'la', 'le', 'li', 'lo', 'ma', 'mi', 'na', 'ne', 'ni', 'no', 'ra', 're', 'ri', 'ro', 'sa', 'si', 'ta', 'te', 'ti', 'to', 'va', 've', 'vi', 'za', 'zo', 'ba', 'bi', 'ga', 'gi', 'pa', 'pi', 'fa', 'fi', 'du', 'lu'];
const ENDINGS = ['n', 'r', 'l', 'k', 's', 'v', 'nd', 'rt', 'lm', 'sk', 'rn', 'ns', 'rd', 'lt', 'st', 'vik'];
const FIRST = ['Adela', 'Bruno', 'Celia', 'Dario', 'Elin', 'Fabian', 'Greta', 'Hugo', 'Ilse', 'Jonas', 'Karin', 'Lucas', 'Marta', 'Nils', 'Olga', 'Pavel', 'Rosa', 'Stefan', 'Tamara', 'Viktor', 'Wanda', 'Yara', 'Zoran', 'Alma', 'Boris', 'Clara', 'Emil', 'Flora', 'Ivo', 'Lena', 'Milan', 'Nora', 'Oskar', 'Petra', 'Rafael', 'Sonja', 'Teo', 'Vera', 'Anton', 'Ida'];
const ROLES = ['Senator', 'Minister', 'Governor', 'Mayor', 'MP', 'Party leader', 'Tech founder', 'Broadcaster', 'Central banker', 'Former president', 'Health commissioner', 'Football club owner'];
// One Cyrillic letter per Latin letter used in surnames (so spellings stay unique); c, h, j, w, y
// occur only in first names.
const CYR: Record<string, string> = { a: 'а', b: 'б', d: 'д', e: 'е', f: 'ф', g: 'г', i: 'и', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', u: 'у', v: 'в', z: 'з', c: 'к', h: 'х', j: 'й', w: 'в', y: 'я' };
const cyr = (s: string) => [...s.toLowerCase()].map((c) => CYR[c] ?? c).join('');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The i-th surname: a bijection from index to syllables (shuffled per seed), so no two figures share one. */
function surname(i: number, onsets: readonly string[], middles: readonly string[], endings: readonly string[], parts: number): string {
  let s = onsets[i % onsets.length]!;
  let rest = Math.floor(i / onsets.length);
  for (let p = 2; p < parts; p++) {
    s += middles[rest % middles.length]!;
    rest = Math.floor(rest / middles.length);
  }
  return cap(s + endings[rest % endings.length]!);
}

const PLACES = ['Port Elvara', 'Nordhaven', 'Valmora', 'Karsk', 'Lindqvist Bay', 'San Teodor', 'Ostrava Nova', 'Belmare', 'Dunross', 'Velika Gora', 'Marenburg', 'Caldera Springs'];
const COMPANIES = ['Arvane Holdings', 'Brightwater Capital', 'Korvel Mining', 'Meridian Ports', 'Solvane Energy', 'Talbrook Media', 'Ustrel Pharma', 'Vantor Logistics', 'Quillon Bank', 'Hestia Grain'];
const PLATFORMS = ['X', 'Facebook', 'TikTok', 'Telegram', 'YouTube', 'Instagram', 'News website', 'Campaign speech', 'TV interview', 'Podcast'];

// ───────────────────────────── topics ─────────────────────────────

/**
 * A kind of claim. `{name}` is the full name, `{s}` the surname in lower case, `{sc}` the surname
 * in Cyrillic; `{place}`, `{company}`, `{year}` fill in details. Trigger phrases always contain
 * the surname, so two claims share one only if they are about the same figure and topic, which
 * the generator never produces.
 */
interface Topic {
  readonly slug: string;
  readonly statement: string;
  readonly question: string;
  readonly phrasings: readonly string[];
  readonly triggers: Readonly<Record<string, readonly string[]>>;
}

const TOPICS: readonly Topic[] = [
  {
    slug: 'offshore-accounts',
    statement: '{name} hid millions in offshore accounts in {place} while in office.',
    question: 'hide millions in offshore accounts',
    phrasings: ['{name} has secret offshore accounts', '{name} hid money offshore in {place}', '{name} hat geheime Konten im Ausland', '{name} tiene cuentas secretas en paraísos fiscales', 'У {nc} тайные офшорные счета'],
    triggers: { en: ['{s} offshore accounts', '{s} offshore millions', 'offshore {s}'], de: ['{s} auslandskonten', '{s} briefkastenfirma'], es: ['cuentas offshore de {s}'], ru: ['офшоры {sc}*'], fr: ['comptes offshore de {s}'] },
  },
  {
    slug: 'bribe-from-company',
    statement: '{name} took a bribe from {company} in {year} to approve a state contract.',
    question: 'take a bribe from {company}',
    phrasings: ['{name} was bribed by {company}', '{name} took money from {company} for the contract', '{name} wurde von {company} bestochen', '{name} a reçu un pot-de-vin de {company}', '{name} przyjął łapówkę od {company}'],
    triggers: { en: ['{s} bribe', '{s} bribed', '{s} took a bribe'], de: ['{s} bestochen', '{s} bestechung'], fr: ['pot de vin {s}'], pl: ['łapówka {s}*'], it: ['tangente {s}'] },
  },
  {
    slug: 'fake-degree',
    statement: '{name} never earned the university degree listed on their official biography.',
    question: 'fake a university degree',
    phrasings: ['{name} has a fake degree', "{name}'s diploma is forged", '{name} hat einen gefälschten Abschluss', '{name} tiene un título falso', 'Диплом {nc} поддельный'],
    triggers: { en: ['{s} fake degree', '{s} diploma forged', '{s} degree scandal'], de: ['{s} doktorarbeit', '{s} titel gefälscht'], es: ['título falso de {s}'], ru: ['диплом {sc}*'], uk: ['диплом {sc}*'] },
  },
  {
    slug: 'secret-citizenship',
    statement: '{name} secretly holds a second citizenship and a passport from {place}.',
    question: 'secretly hold a second passport',
    phrasings: ['{name} has a secret second passport', '{name} is secretly a citizen of {place}', '{name} hat einen zweiten Pass', '{name} a une double nationalité secrète', '{name} ma tajne drugie obywatelstwo'],
    triggers: { en: ['{s} second passport', '{s} dual citizenship', '{s} secret passport'], de: ['{s} doppelpass', '{s} zweiter pass'], fr: ['double nationalité {s}'], pl: ['paszport {s}*'] },
  },
  {
    slug: 'vaccine-microchips',
    statement: '{name} said publicly that vaccines contain tracking microchips.',
    question: 'say vaccines contain microchips',
    phrasings: ['{name} says vaccines contain microchips', '{name} warned about microchips in vaccines', '{name} sagt, Impfstoffe enthalten Mikrochips', '{name} dijo que las vacunas tienen microchips', '{nc} заявил о микрочипах в вакцинах'],
    triggers: { en: ['{s} microchips', '{s} vaccine chips', 'chip {s} vaccine'], de: ['{s} mikrochips', '{s} impfchip'], es: ['{s} microchips vacunas'], ru: ['{sc} микрочип*'], it: ['{s} microchip vaccini'] },
  },
  {
    slug: 'staged-attack',
    statement: 'The {year} attack on {name} in {place} was staged by their own campaign.',
    question: 'stage an attack on themselves',
    phrasings: ['the attack on {name} was staged', '{name} faked the {place} attack', 'der Angriff auf {name} war inszeniert', "l'attaque contre {name} était mise en scène", 'Нападение на {nc} было постановкой'],
    triggers: { en: ['{s} attack staged', '{s} staged attack', '{s} false flag'], de: ['{s} inszeniert', '{s} angriff inszeniert'], fr: ['{s} mise en scène'], ru: ['{sc} постановк*'], uk: ['{sc} інсценув*'] },
  },
  {
    slug: 'body-double',
    statement: '{name} has been replaced in public appearances by a body double since {year}.',
    question: 'use a body double',
    phrasings: ['{name} uses a body double', 'the real {name} has been replaced', '{name} hat einen Doppelgänger', '{name} usa un doble', 'У {nc} есть двойник'],
    triggers: { en: ['{s} body double', '{s} double', '{s} replaced by a double'], de: ['{s} doppelgänger'], es: ['doble de {s}'], ru: ['двойник {sc}*'], pl: ['sobowtór {s}*'] },
  },
  {
    slug: 'voter-fraud',
    statement: '{name} won the {year} election in {place} through mass voter fraud.',
    question: 'win an election through voter fraud',
    phrasings: ['{name} stole the {year} election', '{name} won by voter fraud', '{name} hat die Wahl gefälscht', '{name} a truqué les élections', '{name} wygrał dzięki fałszerstwom wyborczym'],
    triggers: { en: ['{s} voter fraud', '{s} stole the election', '{s} rigged election'], de: ['{s} wahlbetrug', '{s} wahlfälschung'], fr: ['fraude électorale {s}'], pl: ['{s} fałszerstwa'], es: ['fraude electoral {s}'] },
  },
  {
    slug: 'climate-quote',
    statement: '{name} said that climate change is a hoax invented to raise taxes.',
    question: 'call climate change a tax hoax',
    phrasings: ['{name} called climate change a hoax', '{name} says global warming is a tax scam', '{name} nennt den Klimawandel einen Schwindel', '{name} dijo que el cambio climático es un fraude', '{nc} назвал изменение климата обманом'],
    triggers: { en: ['{s} climate hoax', '{s} climate scam', '{s} warming hoax'], de: ['{s} klimaschwindel', '{s} klimalüge'], es: ['{s} fraude climático'], ru: ['{sc} климат*'], it: ['{s} bufala clima'] },
  },
  {
    slug: 'pension-cut',
    statement: '{name} voted in {year} to cut state pensions by a third.',
    question: 'vote to cut pensions by a third',
    phrasings: ['{name} voted to cut pensions', '{name} slashed pensions by a third', '{name} stimmte für Rentenkürzungen', '{name} votó recortar las pensiones', '{name} głosował za cięciem emerytur'],
    triggers: { en: ['{s} pension cut', '{s} cut pensions', '{s} pensions vote'], de: ['{s} rentenkürzung', '{s} rente gekürzt'], es: ['{s} recorte de pensiones'], pl: ['{s} emerytury'], fr: ['{s} retraites'] },
  },
  {
    slug: 'foreign-funding',
    statement: "{name}'s campaign was secretly funded by a foreign government.",
    question: 'take secret foreign campaign money',
    phrasings: ["{name}'s campaign took foreign money", '{name} is funded by a foreign government', '{name} wird aus dem Ausland finanziert', '{name} est financé par un gouvernement étranger', 'Кампанию {nc} тайно финансировали из-за рубежа'],
    triggers: { en: ['{s} foreign money', '{s} foreign funding', '{s} funded from abroad'], de: ['{s} auslandsgeld', '{s} finanziert aus dem ausland'], fr: ['financement étranger {s}'], ru: ['{sc} финансирован*'], uk: ['{sc} фінансув*'] },
  },
  {
    slug: 'crime-statistics',
    statement: 'Crime in {place} tripled after {name} took office, according to a chart {name} shared.',
    question: 'cause crime to triple',
    phrasings: ['crime tripled under {name}', '{name} chart shows crime tripled in {place}', 'unter {name} hat sich die Kriminalität verdreifacht', 'el crimen se triplicó con {name}', 'Przestępczość potroiła się za {name}'],
    triggers: { en: ['{s} crime tripled', '{s} crime chart', 'crime under {s}'], de: ['{s} kriminalität verdreifacht'], es: ['crimen {s} triplicó'], pl: ['przestępczość {s}*'], it: ['criminalità {s}'] },
  },
  {
    slug: 'luxury-yacht',
    statement: '{name} bought a luxury yacht with public money in {year}.',
    question: 'buy a yacht with public money',
    phrasings: ['{name} bought a yacht with taxpayer money', "{name}'s yacht was paid by the state", '{name} kaufte eine Jacht mit Steuergeld', '{name} a acheté un yacht avec des fonds publics', '{nc} купил яхту за бюджетные деньги'],
    triggers: { en: ['{s} yacht', '{s} luxury yacht', '{s} superyacht'], de: ['{s} jacht', '{s} luxusjacht'], fr: ['yacht de {s}'], ru: ['яхта {sc}*'], it: ['yacht di {s}'] },
  },
  {
    slug: 'health-cover-up',
    statement: '{name} is seriously ill and the government is hiding it.',
    question: 'hide a serious illness',
    phrasings: ['{name} is secretly ill', "{name}'s illness is being covered up", '{name} ist schwer krank', '{name} está gravemente enfermo', '{nc} тяжело болен'],
    triggers: { en: ['{s} illness', '{s} secretly ill', '{s} health cover up'], de: ['{s} schwer krank', '{s} krankheit'], es: ['enfermedad de {s}'], ru: ['болезнь {sc}*'], uk: ['хвороба {sc}*'] },
  },
  {
    slug: 'deepfake-video',
    statement: 'A video shows {name} admitting to taking money from {company}.',
    question: 'admit on video to taking money',
    phrasings: ['video of {name} admitting to taking money', '{name} caught on camera confessing', 'Video zeigt {name} beim Geständnis', 'vídeo de {name} confesando', 'Видео с признанием {nc}'],
    triggers: { en: ['{s} confession video', '{s} video admits', '{s} caught on camera'], de: ['{s} geständnis video'], es: ['video de {s} confesando'], ru: ['видео {sc}*'], pl: ['nagranie {s}*'] },
  },
  {
    slug: 'school-ban',
    statement: '{name} plans to ban homeschooling nationwide by {year}.',
    question: 'plan a ban on homeschooling',
    phrasings: ['{name} wants to ban homeschooling', '{name} will outlaw home schooling', '{name} will Hausunterricht verbieten', '{name} veut interdire l’école à la maison', '{name} chce zakazać edukacji domowej'],
    triggers: { en: ['{s} homeschooling ban', '{s} ban homeschooling', '{s} home school ban'], de: ['{s} hausunterricht verbot'], fr: ['{s} école à la maison'], pl: ['{s} edukacja domowa'], es: ['{s} educación en casa'] },
  },
  {
    slug: 'arrest-warrant',
    statement: 'An international arrest warrant was issued for {name} in {year}.',
    question: 'face an international arrest warrant',
    phrasings: ['there is an arrest warrant for {name}', '{name} is wanted by Interpol', 'Haftbefehl gegen {name}', 'orden de arresto contra {name}', 'Ордер на арест {nc}'],
    triggers: { en: ['{s} arrest warrant', '{s} wanted by interpol', 'warrant for {s}'], de: ['haftbefehl {s}'], es: ['orden de arresto {s}'], ru: ['ордер на арест {sc}*'], fr: ['mandat d arrêt {s}'] },
  },
  {
    slug: 'land-deal',
    statement: '{name} sold state land in {place} to a relative at a tenth of its value.',
    question: 'sell state land to a relative',
    phrasings: ['{name} sold public land to family', "{name}'s family got state land cheap", '{name} verkaufte Staatsland an Verwandte', '{name} vendió terrenos públicos a un familiar', '{nc} продал землю родственнику'],
    triggers: { en: ['{s} land deal', '{s} sold state land', '{s} land scandal'], de: ['{s} grundstücksdeal'], es: ['terrenos de {s}'], ru: ['земля {sc}*'], it: ['terreni {s}'] },
  },
  {
    slug: 'parody-quote',
    statement: '{name} said voters who disagree should "move to the moon".',
    question: 'tell voters to move to the moon',
    phrasings: ['{name} told voters to move to the moon', '{name} move to the moon quote', '{name} sagte, Wähler sollen auf den Mond ziehen', '{name} dijo que se muden a la luna', '{nc} предложил избирателям переехать на Луну'],
    triggers: { en: ['{s} move to the moon', '{s} moon quote'], de: ['{s} auf den mond'], es: ['{s} mudarse a la luna'], ru: ['{sc} на луну'] },
  },
  {
    slug: 'energy-price',
    statement: 'Household energy prices in {place} doubled because of a law {name} signed.',
    question: 'double energy prices with a new law',
    phrasings: ["{name}'s law doubled energy bills", 'energy prices doubled because of {name}', 'wegen {name} haben sich die Energiepreise verdoppelt', 'les prix de l’énergie ont doublé à cause de {name}', 'Ceny energii podwoiły się przez {name}'],
    triggers: { en: ['{s} energy bills', '{s} energy prices doubled', '{s} energy law'], de: ['{s} energiepreise'], fr: ['{s} prix de l énergie'], pl: ['{s} ceny energii'], it: ['{s} bollette'] },
  },
];

// ───────────────────────────── fact-checkers and their rating words ─────────────────────────────

type Style = 'politifact' | 'snopes' | 'sentence' | 'de' | 'es' | 'fr';
interface Publisher {
  readonly name: string;
  readonly base: string;
  readonly style: Style;
  readonly language?: string;
}

const PUBLISHERS: readonly Publisher[] = [
  { name: 'Factwatch Desk', base: 'https://factwatch.example', style: 'politifact' },
  { name: 'Truth Meter Weekly', base: 'https://truthmeter.example', style: 'politifact' },
  { name: 'Rumor Ledger', base: 'https://rumorledger.example', style: 'snopes' },
  { name: 'Claim Harbor', base: 'https://claimharbor.example', style: 'snopes' },
  { name: 'Full Account', base: 'https://fullaccount.example', style: 'sentence' },
  { name: 'Open Verify Lab', base: 'https://example.org/verify', style: 'sentence' },
  { name: 'Faktenblick', base: 'https://faktenblick.example', style: 'de', language: 'de' },
  { name: 'Verificado Sur', base: 'https://verificadosur.example', style: 'es', language: 'es' },
  { name: 'Le Vérificateur', base: 'https://verificateur.example', style: 'fr', language: 'fr' },
  { name: 'Newsroom Checks (example.org)', base: 'https://checks.example.org', style: 'politifact' },
];

const RATINGS: Record<Style, Record<Verdict, readonly string[]>> = {
  politifact: { true: ['True'], 'mostly-true': ['Mostly True'], mixed: ['Half True'], 'mostly-false': ['Mostly False'], false: ['False', 'Pants on Fire'], misleading: ['Misleading', 'Missing context'], unproven: ['No evidence', 'Unverified'], satire: ['Satire'] },
  snopes: { true: ['True'], 'mostly-true': ['Mostly True'], mixed: ['Mixture'], 'mostly-false': ['Mostly False'], false: ['False'], misleading: ['Miscaptioned', 'Missing context'], unproven: ['Unproven', 'Unfounded'], satire: ['Labeled Satire'] },
  sentence: {
    true: ['This is correct'],
    'mostly-true': ['This is broadly right, but misses some detail'],
    mixed: ['Parts of this are right, parts are wrong'],
    'mostly-false': ['This is largely incorrect'],
    false: ['This is incorrect', 'There is no record of this happening'],
    misleading: ['This is true, but misses important context'],
    unproven: ["There's no evidence this happened"],
    satire: ['This quote comes from a parody account'],
  },
  de: { true: ['Richtig'], 'mostly-true': ['Größtenteils richtig'], mixed: ['Teilweise falsch'], 'mostly-false': ['Größtenteils falsch'], false: ['Falsch'], misleading: ['Irreführend', 'Fehlender Kontext'], unproven: ['Unbelegt'], satire: ['Satire'] },
  es: { true: ['Verdadero'], 'mostly-true': ['Mayormente verdadero'], mixed: ['Engañoso en parte'], 'mostly-false': ['Mayormente falso'], false: ['Falso'], misleading: ['Engañoso'], unproven: ['Sin pruebas'], satire: ['Sátira'] },
  fr: { true: ['Vrai'], 'mostly-true': ['Plutôt vrai'], mixed: ['Vrai et faux'], 'mostly-false': ['Plutôt faux'], false: ['Faux'], misleading: ['Trompeur'], unproven: ['Sans preuve'], satire: ['Satire'] },
};

const TITLE: Record<Style, string> = {
  politifact: 'Fact check: Did {name} {question}?',
  snopes: 'Did {name} {question}?',
  sentence: 'What we know about the claim that {name} tried to {question}',
  de: 'Faktencheck: Was ist dran an der Behauptung über {name}?',
  es: 'Verificación: lo que se sabe de la afirmación sobre {name}',
  fr: 'Vérification : ce que l’on sait de l’affirmation sur {name}',
};

const VERDICT_WEIGHTS: readonly (readonly [Verdict, number])[] = [
  ['false', 30],
  ['mostly-false', 12],
  ['unproven', 18],
  ['misleading', 15],
  ['mixed', 8],
  ['mostly-true', 6],
  ['true', 6],
  ['satire', 5],
];

const SUMMARY: Record<Verdict, string> = {
  false: 'No record supports this: {pub} found the documents cited for it were fabricated.',
  'mostly-false': 'There is a grain of truth, but the central part of the claim is wrong, {pub} found.',
  mixed: 'Part of this is accurate and part is not; {pub} found both.',
  'mostly-true': 'Broadly accurate, with one detail wrong, according to {pub}.',
  true: 'This is accurate and on the public record, {pub} confirmed.',
  misleading: 'Built on a real event, but presented so as to suggest something that did not happen, {pub} found.',
  unproven: 'No evidence has been published for it, and it cannot be ruled out either, {pub} found.',
  satire: 'This started as a joke on a parody account and was later shared as if it were real.',
};

const EXPLANATION: Record<Verdict, string> = {
  false: 'The claim spread after posts in {year} cited papers that no registry holds. {pub} checked the public records and found nothing that matches them. We rate it false because the evidence contradicts it, not merely because it is unsupported.',
  'mostly-false': 'Something related did happen in {place}, which is why the claim sounds plausible. The part that matters, that {name} was responsible, is not supported by the records {pub} checked.',
  mixed: 'The first half of the claim matches the records; the second half does not. {pub} lists the sources for each part.',
  'mostly-true': 'The records {pub} checked confirm the claim. One detail, the year, is given wrongly in most posts.',
  true: 'The event is documented in public records from {year}. It is listed here because false claims are built on it.',
  misleading: 'A real document from {year} is shown with a caption that changes its meaning. {pub} traced it to its source, which says something different. We rate it misleading rather than false because the document itself is genuine.',
  unproven: 'The claim rests on an anonymous post from {year} with no documents or witnesses. {pub} found no evidence for it, and nothing has come forward since. It cannot be disproved, so we rate it unproven rather than false.',
  satire: 'The quote was first posted on a parody account that labels itself as satire. It was later reshared without that label. {name} never said it.',
};

// ───────────────────────────── the generator ─────────────────────────────

/** Templates split once into literal text (even indexes) and slot names (odd): filling is a join. */
const compiled = new Map<string, string[]>();
function fill(t: string, v: Readonly<Record<string, string>>): string {
  let parts = compiled.get(t);
  if (!parts) compiled.set(t, (parts = t.split(/\{(\w+)\}/)));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += (v[parts[i]!] ?? `{${parts[i]}}`) + parts[i + 1]!;
  return out;
}
const day = (d: Date) => d.toISOString().slice(0, 10);
/** Review dates lie between these: always in the past, whatever day the script runs. */
const FIRST_DAY = Date.UTC(2015, 0, 1);
const LAST_DAY = Date.UTC(2025, 5, 30);
const DAY_MS = 86_400_000;

export interface SynthOptions {
  readonly count: number;
  readonly seed: string;
}

/** Sets of data/lexicon.json that synthetic rules use: the lexicon copy must define them. */
export const SYNTH_SETS = ['subject', 'negation'] as const;

/**
 * Generates the claims one by one (call `next()` until it returns undefined), so 100,000 of
 * them never need to be in memory at once.
 */
export function* synthClaims(opts: SynthOptions): Generator<ClaimInput> {
  const d = new Dice(rng(`claimlens-synth:${opts.seed}`));
  const onsets = d.shuffle(ONSETS);
  const middles = d.shuffle(MIDDLES);
  const endings = d.shuffle(ENDINGS);
  // Enough syllables that every figure gets its own surname, even at one claim per figure.
  let parts = 3;
  while (onsets.length * middles.length ** (parts - 2) * endings.length < opts.count) parts++;
  // Uniqueness comes from the construction (one surname per figure, one topic per claim of a
  // figure); these sets are a cheap second guard, and claims:check the real one.
  const triggersSeen = new Set<string>();
  const phrasingsSeen = new Set<string>();

  let made = 0;
  for (let figure = 0; made < opts.count; figure++) {
    const sur = surname(figure, onsets, middles, endings, parts);
    const first = d.pick(FIRST);
    const name = `${first} ${sur}`;
    const v = { name, s: sur.toLowerCase(), sc: cyr(sur), nc: `${cyr(first).replace(/^./, (c) => c.toUpperCase())} ${cap(cyr(sur))}`, role: d.pick(ROLES) };
    const topics = d.shuffle(TOPICS).slice(0, Math.min(opts.count - made, d.int(1, 8)));
    const ids: string[] = [];
    for (const [ti, topic] of topics.entries()) {
      const id = `${sur.toLowerCase()}-${topic.slug}`;
      const year = String(d.int(2012, 2024));
      const vals = { ...v, place: d.pick(PLACES), company: d.pick(COMPANIES), year, question: fill(topic.question, { company: d.pick(COMPANIES) }) };
      const verdict = topic.slug === 'parody-quote' && d.chance(0.7) ? 'satire' : d.weighted(VERDICT_WEIGHTS);

      // Reviews: 1–3, by one to three publishers, dated in order.
      const nReviews = d.weighted([[1, 4], [2, 4], [3, 2]] as const);
      const pubs = d.shuffle(PUBLISHERS).slice(0, nReviews);
      if (nReviews === 2 && d.chance(0.15)) pubs[1] = pubs[0]!; // the same publisher twice (a follow-up)
      let t = FIRST_DAY + 365 * DAY_MS + Math.floor(d.next() * (LAST_DAY - FIRST_DAY - 765 * DAY_MS));
      const firstSeen = t;
      const reviews = pubs.map((p, ri) => {
        t += d.int(0, 120) * DAY_MS;
        const date = day(new Date(t));
        return {
          publisher: p.name,
          title: fill(TITLE[p.style], vals),
          url: `${p.base}/${date.slice(0, 4)}/${date.slice(5, 7)}/${id}${ri > 0 ? `-${ri + 1}` : ''}`,
          datePublished: date,
          rating: d.pick(RATINGS[p.style][verdict]),
          ...(p.language ? { language: p.language } : {}),
          ...(d.chance(0.05) ? { note: 'Synthetic test data: an invented review on a reserved example domain.' } : {}),
        };
      });
      const lastReviewed = day(new Date(Math.min(t + d.int(0, 60) * DAY_MS, LAST_DAY)));
      const publishers = new Set(pubs.map((p) => p.name));

      // Phrasings: 3–5, unique across the database.
      const phrasings: string[] = [];
      for (const ph of d.shuffle(topic.phrasings).slice(0, d.int(3, 5))) {
        const text = fill(ph, vals);
        const key = text.toLowerCase();
        if (!phrasingsSeen.has(key)) phrasingsSeen.add(key), phrasings.push(text);
      }

      // Detection: true claims get no rules (docs/architecture.md: true claims are not
      // highlighted on their own); the others get a rule with 2–6 triggers in a few languages,
      // some needing the "subject" context or vetoed by a negation, and a figure's first claim
      // sometimes a second rule on the bare surname that needs the subject.
      const rules: NonNullable<ClaimInput['detection']['rules']> = [];
      if (verdict !== 'true') {
        const langs = ['en', ...d.shuffle(Object.keys(topic.triggers).filter((l) => l !== 'en')).slice(0, d.int(1, 3))];
        const pool = langs.flatMap((lang) => d.shuffle(topic.triggers[lang] ?? []).map((p) => [lang, fill(p, vals)] as const));
        const want = d.int(2, 6);
        const triggers: Record<string, string[]> = {};
        let n = 0;
        for (const [lang, phrase] of pool) {
          if (n >= want) break;
          const key = phrase.toLowerCase();
          if (triggersSeen.has(key)) continue;
          triggersSeen.add(key);
          (triggers[lang] ??= []).push(phrase);
          n++;
        }
        if (n > 0) rules.push({ triggers, requires: d.chance(0.25) ? ['subject'] : [], vetoes: d.chance(0.15) ? ['negation'] : [] });
        if (ti === 0 && d.chance(0.3)) {
          const bare = { en: [`${v.s}*`], ru: [`${v.sc}*`] };
          for (const p of [...bare.en, ...bare.ru]) triggersSeen.add(p);
          rules.push({ triggers: bare, requires: ['subject'], vetoes: [] });
        }
      }

      const appearances = Array.from({ length: d.weighted([[0, 3], [1, 5], [2, 2]] as const) }, () => {
        const platform = d.pick(PLATFORMS);
        const dated = d.chance(0.6);
        return {
          author: d.chance(0.5) ? `${d.pick(['An account', 'A page', 'A channel'])} on ${platform}` : `${d.pick(ROLES)} ${d.pick(FIRST)} ${surname(d.int(0, 5000), onsets, middles, endings, parts)}`,
          // Before the first review: claims are checked after they spread.
          ...(dated ? { date: day(new Date(firstSeen - d.int(0, 365) * DAY_MS)) } : {}),
          platform,
          ...(d.chance(0.3) ? { url: `https://social.example/${platform.toLowerCase().replace(/\W+/g, '-')}/${id}` } : {}),
        };
      });

      const related = ids.length > 0 && d.chance(0.5) ? d.shuffle(ids).slice(0, d.int(1, Math.min(2, ids.length))) : [];
      ids.push(id);
      const pub = pubs[0]!.name;
      made++;
      yield {
        id,
        statement: fill(topic.statement, vals),
        phrasings,
        verdict,
        summary: fill(SUMMARY[verdict], { ...vals, pub }),
        explanation: fill(EXPLANATION[verdict], { ...vals, pub }),
        reviews,
        ...(publishers.size < 2 ? { sourcingNote: `Only one publisher (${pub}) has reviewed this claim. Synthetic test data.` } : {}),
        appearances,
        related,
        lastReviewed,
        detection: { priority: d.int(5, 95), rules },
      };
    }
  }
}

// ───────────────────────────── the command ─────────────────────────────

const MARKER = '.claimlens-synth.json';

export interface SynthRun extends SynthOptions {
  readonly out: string;
  /** Skip the final checkDatabase (tests that check on their own). Default: false. */
  readonly skipCheck?: boolean;
}

/** Writes the database; returns the exit code. */
export function runSynth(opts: SynthRun, log: (line: string) => void = console.log, error: (line: string) => void = console.error): number {
  const out = resolve(opts.out);
  const realData = resolve(ROOT, 'data');
  if (out === realData || out.startsWith(realData + sep) || realData.startsWith(out + sep) || out === resolve(ROOT)) {
    error(`claims:synth: refusing to write into ${relative(ROOT, out) || '.'}: synthetic data never goes near data/`);
    return 1;
  }
  const claimsDir = join(out, 'claims');
  if (existsSync(claimsDir) && readdirSync(claimsDir).length > 0 && !existsSync(join(out, MARKER))) {
    error(`claims:synth: ${claimsDir} holds claims this script did not write; refusing to replace them`);
    return 1;
  }
  const lexiconText = readFileSync(join(realData, 'lexicon.json'), 'utf8');
  const lexicon = Lexicon.parse(JSON.parse(lexiconText));
  const missing = SYNTH_SETS.filter((s) => !(s in lexicon.sets));
  if (missing.length > 0) {
    error(`claims:synth: data/lexicon.json no longer defines ${missing.join(', ')}, which synthetic rules use`);
    return 1;
  }

  const t0 = performance.now();
  // Freeing disk blocks is the slow part on some file systems: files are not deleted first, a
  // file that already holds the same text is left alone (a re-run with the same seed writes
  // nothing), others are overwritten in place, and stale ones removed at the end.
  mkdirSync(claimsDir, { recursive: true });
  const stale = new Set(readdirSync(claimsDir));
  copyFileSync(join(realData, 'lexicon.json'), join(out, 'lexicon.json'));
  // The texts stay in memory for the check below (reading 100,000 files back costs seconds).
  const written: SourceFile[] = [];
  let changed = 0;
  for (const c of synthClaims(opts)) {
    const path = join(claimsDir, `${c.id}.json`);
    const text = `${JSON.stringify(c, null, 2)}\n`;
    if (!stale.delete(`${c.id}.json`) || readFileSync(path, 'utf8') !== text) {
      writeFileSync(path, text);
      changed++;
    }
    if (!opts.skipCheck) written.push({ file: relative(ROOT, path), text });
  }
  for (const f of stale) rmSync(join(claimsDir, f), { recursive: true, force: true });
  const n = opts.count;
  writeFileSync(join(out, MARKER), `${JSON.stringify({ generatedBy: 'npm run claims:synth', count: opts.count, seed: opts.seed }, null, 2)}\n`);
  const t1 = performance.now();
  log(`claims:synth: ${n} claims (seed ${JSON.stringify(opts.seed)}) in ${relative(ROOT, out) || '.'}: ${changed} files written, ${n - changed} already up to date, ${stale.size} stale removed, in ${((t1 - t0) / 1000).toFixed(1)} s`);
  if (opts.skipCheck) return 0;

  const t2 = performance.now();
  const { problems, claims } = checkDatabase(written, { file: relative(ROOT, join(out, 'lexicon.json')), text: lexiconText });
  const t3 = performance.now();
  if (problems.length > 0) {
    error(`claims:synth: the synthetic database has ${problems.length} problem(s) (a bug in the generator):`);
    for (const p of problems.slice(0, 50)) error(`  ${formatProblem(p)}`);
    return 1;
  }
  log(`claims:synth: checkDatabase: ${claims.length} claims OK in ${((t3 - t2) / 1000).toFixed(1)} s`);
  return 0;
}

export function parseSynthArgs(argv: readonly string[]): SynthRun | string {
  let count = 1000;
  let seed = '1';
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [key, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (key === '--count') {
      const v = value();
      if (!v || !/^\d+$/.test(v) || Number(v) < 1) return '--count needs a whole number ≥ 1';
      count = Number(v);
    } else if (key === '--seed') {
      const v = value();
      if (v === undefined || v === '') return '--seed needs a value';
      seed = v;
    } else if (key === '--out') {
      out = value();
      if (!out) return '--out needs a directory';
    } else return `unknown argument ${a}`;
  }
  return { count, seed, out: out ?? join(ROOT, 'bench', 'tmp', `synth-${count}`) };
}

runCli(import.meta.url, { name: 'claims:synth', usage: 'npm run claims:synth -- [--count N] [--out DIR] [--seed S]   (default: 1000 claims, seed 1, bench/tmp/synth-N)', parse: parseSynthArgs, run: runSynth });
