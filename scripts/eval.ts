/**
 * npm run eval: precision, recall and F1 of the detector on tests/corpus, overall, per language
 * and per kind, on the tuning and held-out splits. Prints a summary and writes docs/detection.md.
 * `--errors` also lists every wrong segment of the tuning split (the held-out split's errors are
 * never printed: no rule is tuned on it).
 */
import { writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { checkDataDir, ROOT } from './lib/data-files';
import { loadCorpus, runCorpus, tally, type Scores, type SegmentResult } from './lib/evaluate';

const { claims, lexicon, problems } = checkDataDir();
if (problems.length > 0 || !lexicon) throw new Error('data/ is invalid: run npm run claims:check');
const segments = loadCorpus();
const results = runCorpus(claims, lexicon, segments);
const splits = { tune: results.filter((r) => r.segment.split === 'tune'), heldout: results.filter((r) => r.segment.split === 'heldout') };

/** The corpus batch of a segment id: `en-012` is batch a, `en-c012` batch c. */
const batchOf = (id: string) => `batch ${/^[a-z]+-([a-z])\d+$/.exec(id)?.[1] ?? 'a'}`;
const pct = (x: number) => (x * 100).toFixed(1);
const row = (name: string, s: Scores) => `| ${name} | ${s.n} | ${s.tp + s.fn} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} | ${pct(s.claimAccuracy)} |`;
const table = (title: string, m: Map<string, Scores>) =>
  [`#### ${title}`, '', '| group | segments | positives | precision % | recall % | F1 % | right claim % |', '|---|---:|---:|---:|---:|---:|---:|', ...[...m].map(([k, s]) => row(k, s)), ''].join('\n');

const sections: string[] = [];
for (const [name, rs] of Object.entries(splits) as [string, SegmentResult[]][]) {
  const all = tally(rs, () => 'all').get('all')!;
  console.log(`${name.padEnd(8)} n=${all.n} precision=${pct(all.precision)}% recall=${pct(all.recall)}% F1=${pct(all.f1)}% right-claim=${pct(all.claimAccuracy)}%`);
  for (const [lang, s] of tally(rs, (x) => x.lang)) console.log(`  ${lang.padEnd(4)} n=${String(s.n).padStart(3)} P=${pct(s.precision).padStart(5)} R=${pct(s.recall).padStart(5)} F1=${pct(s.f1).padStart(5)}`);
  sections.push(`### ${name === 'tune' ? 'Tuning split' : 'Held-out split'}`, '', table('Overall', new Map([['all', all]])), table('Per language', tally(rs, (x) => x.lang)), table('Per kind', tally(rs, (x) => x.kind)));
  // Batches (tests/corpus/README.md): the later ones were written by people who had not seen the rules.
  sections.push(table('Per batch', tally(rs, (x) => batchOf(x.id))));
}

if (process.argv.includes('--errors')) {
  for (const r of splits.tune) {
    const wrong = r.predicted !== (r.segment.label === 'positive');
    const wrongClaim = r.predicted && r.segment.label === 'positive' && !r.matches.some((m) => m.claimId === r.segment.claim);
    if (!wrong && !wrongClaim) continue;
    const tag = wrong ? (r.predicted ? 'FP' : 'FN') : 'CLAIM';
    console.log(`\n${tag} ${r.segment.id} [${r.segment.kind}] ${r.segment.claim ?? ''}\n  ${r.segment.headline ? `H: ${r.segment.headline}\n  ` : ''}${r.segment.text}`);
    for (const m of r.matches) console.log(`  → ${m.claimId}: "${m.evidence.trigger}" ${m.evidence.context.map((c) => `${c.set}=${c.words.join('/')}`).join(' ')}`);
  }
}

let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
} catch {}
const doc = `# Detection quality

Measured by \`npm run eval\` on ${segments.length} hand-written segments in ${new Set(segments.map((s) => s.lang)).size} languages (tests/corpus, see its README), ${new Date().toISOString().slice(0, 10)}, commit ${commit}. This file is written by the script; do not edit the figures by hand.

A segment counts as predicted positive when the detector highlights anything in it. "Right claim" is the share of true positives where a highlight names the segment's labelled (most specific) claim. Rules are tuned on the tuning split only; the held-out split is only measured.

Targets (issue #4): on the held-out split, precision ≥ 95% and recall ≥ 90% in every language with at least 20 segments.

${sections.join('\n')}
## Beyond this corpus

The corpus is written by the team, so it flatters the rules in one way (the writers knew what the claim looks like) and is harsh in another (it is full of hard negatives and slang). In session 3 the rules were also checked by hand against 473 paragraphs and posts of stored public web pages in 37 languages (news articles and fact-checks about the claim, and hard negatives of every kind; not committed, as it is third-party text): precision rose from 86% to 90% and recall from 56% to 76% as data for 20 more languages and the phrasings real articles use were added. In session 4 that check reads precision 91% and recall 82%, and a second set of 278 segments from other stored pages (115 positives, mostly news paragraphs, in 16 languages led by zh, cs, el, sk, bg, ro, nl, sv, tr and hu), gathered by a helper who had not seen the rules, went from precision 88% / recall 42% to 92% / 57%: its misses are nearly all paragraphs that report the story only in context ("the book says Russia first took an interest in him after his marriage"). The corpus grew by four tuning batches (k, l, n: 1,590 segments aimed at the breadth of wording, and m: 336 hard negatives, 126 of them held out); tuning recall fell from 96.5% to 93.0% as they joined, which is the more honest figure. The misses left there are mostly narrative paragraphs that never name the allegation in a phrase ("the KGB steered his first trip to Moscow"), pronoun-only sentences, and scripts with little data (Telugu, Malayalam, Azerbaijani). Labelling policy matters as much as rules: a paragraph about Mussayev's own career, or "Krasnov is a common surname meaning red", is counted positive here (it refers to a claim of the cluster and the card helps) and may be counted negative elsewhere.

## How the detector decides

See docs/architecture.md ("Decisions") and data/lexicon.json: each claim's rules name trigger phrases per language, the context sets they require (e.g. the subject, Trump, in the text or the headline) and the sets that veto them (other Krasnovs, frozen assets, other KGB agents…). The most specific claim wins overlapping words.
`;
writeFileSync(join(ROOT, 'docs/detection.md'), doc);
console.log('\nwrote docs/detection.md');
