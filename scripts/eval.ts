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

The corpus is written by the team, so it flatters the rules in one way (the writers knew what the claim looks like) and is harsh in another (it is full of hard negatives and slang). The rules are also checked by hand against two sets of paragraphs and posts from stored public web pages (news articles and fact-checks about the claim, and hard negatives of every kind; not committed, as it is third-party text). The first, 473 segments in 37 languages, read precision 86% / recall 56% in session 3, 91% / 82% in session 4 and 91% / 88% in session 5. The second, 278 segments in 16 languages led by zh, cs, el, sk, bg, ro, nl, sv, tr and hu, gathered by a helper who had not seen the rules, read 88% / 42% in session 4 and 93% / 68% in session 5: its misses are nearly all paragraphs that report the story only in context (\"the book says Russia first took an interest in him after his marriage\"). New tuning batches are measured before any rule is tuned on them, which is the best estimate of how the rules meet new wording: in session 4 batch n (breadth of wording) first read about 55% recall; in session 5 batch p (press-style reports without the keywords) about 72% and batch s (mockery and replies written to avoid the keywords) 61%, and the adversarial negatives of batches r and t first drew 23 false positives each (of 216 and 168), all since tuned away. Tuning recall has fallen as these batches joined (96.5% → 93.0% in session 4, 96.4% → 92.4% in session 5), which is the more honest figure. The misses left are mostly mockery that never names the allegation (\"the orchestra is paid in rubles\"), narrative paragraphs, pronoun-only sentences about someone named elsewhere, and scripts with little data (Telugu, Malayalam, Azerbaijani). Labelling policy matters as much as rules: a paragraph about Mussayev's own career, or \"Krasnov is a common surname meaning red\", is counted positive here (it refers to a claim of the cluster and the card helps) and may be counted negative elsewhere.

## How the detector decides

See docs/architecture.md ("Decisions") and data/lexicon.json: each claim's rules name trigger phrases per language, the context sets they require (e.g. the subject, Trump, in the text or the headline) and the sets that veto them (other Krasnovs, frozen assets, other KGB agents…). The most specific claim wins overlapping words.
`;
writeFileSync(join(ROOT, 'docs/detection.md'), doc);
console.log('\nwrote docs/detection.md');
