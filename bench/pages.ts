/**
 * Generated pages for `npm run bench`: news-like articles of a given text size and an X-like
 * virtualised timeline. Deterministic (seeded), so every run and every A/B side reads the same
 * bytes. The text is mostly ordinary news prose plus many hard negatives (words and phrases
 * that look like the claims but are not: the Cossack general Krasnov, frozen Russian assets,
 * KGB history, Trump's real 1987 Moscow trip), with a few real claim phrases sprinkled in.
 */

/** Small, fast, seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Phrases the extension really highlights (each with the context its rule needs), used both on
 * the pages and as mark.js's keywords. The first five are "the 5 phrases".
 */
export const CLAIM_SENTENCES = [
  'Critics on social media keep calling Trump "agent Krasnov", repeating a claim that he was recruited in 1987.',
  'The so-called Krasnov tapes, which supposedly show Trump in Moscow, have never been produced by anyone.',
  'A viral post says Trump has been a Russian asset since the 1980s and that the KGB handled him.',
  'Protest signs read MAGA: Moscow Agent Governing America, a joke that many readers took at face value.',
  'One widely shared thread insisted that Donald Trump was recruited by the KGB during his 1987 visit.',
  'Another post claimed the Steele dossier had been fully confirmed, and that Trump knew all along.',
  'Supporters of the theory say the Mueller report proved a conspiracy between Trump and Moscow.',
  'A columnist called Trump a Kremlin asset in a piece that was later corrected.',
];

/** The phrases mark.js looks for: as written on the page (mark.js folds case, not more). */
export const MARK_PHRASES_5 = ['agent Krasnov', 'Krasnov tapes', 'Russian asset', 'Moscow Agent Governing America', 'recruited by the KGB'];

/** Hard negatives: trigger-like words whose context says "not this claim", or near misses. */
const HARD_NEGATIVES = [
  'Pyotr Krasnov, the Cossack ataman who fought in the White movement, was executed in Moscow in 1947.',
  'EU finance ministers still disagree on whether frozen Russian assets held at Euroclear should fund Ukraine’s reconstruction.',
  'The central bank reserves — roughly €210bn of Russian assets — remain frozen under the sanctions regime.',
  'Aldrich Ames remains the most damaging KGB asset in the history of the CIA, historians say.',
  'Trump did visit Moscow in July 1987, a trip he described in “The Art of the Deal”.',
  'Krasnovodsk, now Türkmenbaşy, was a Caspian port long before the Soviet era.',
  'Igor Krasnov, the prosecutor general, was appointed to the Supreme Court in 2025.',
  'The hockey striker Krasnov scored twice in the second period, his coach said.',
  'The Kremlin’s agenda at the summit was set out by Sergei Lavrov in a long press conference.',
  'Asset managers moved money out of emerging markets as the dollar strengthened again.',
  'A former KGB officer, now a novelist, wrote about Cold War tradecraft and agent handling in Berlin.',
  'The report, which ran to 448 pages, was published with redactions in April 2019.',
  'Analysts in Kraków and Gdańsk say the election will turn on inflation, not on foreign policy.',
  'Krasnodar’s football club signed a new goalkeeper from the second division.',
  'The tapes from the 1987 summit were released by the archive under a freedom-of-information request.',
];

const SUBJECTS = ['The government', 'The minister', 'A spokesperson', 'The committee', 'Officials in Brussels', 'The opposition leader', 'Economists', 'The central bank', 'Local councils', 'The regulator', 'Union leaders', 'The court', 'Campaigners', 'Researchers at the university', 'The mayor of Łódź', 'Residents of Zürich', 'Emmanuel Macron', 'Olaf Scholz', 'Volodymyr Zelenskyy', 'The White House', 'Senators', 'The prime minister'];
const VERBS = ['said', 'announced', 'warned', 'argued', 'insisted', 'confirmed', 'denied', 'suggested', 'reported', 'told reporters', 'acknowledged', 'predicted'];
const CLAUSES = [
  'that the budget would be revised before the end of the year',
  'that talks with trade partners had stalled over agricultural tariffs',
  'that inflation had eased for a third consecutive month',
  'that the new rail line would open two years behind schedule',
  'that hospital waiting lists were finally getting shorter',
  'that energy prices were likely to rise again this winter',
  'that the housing shortage was the most urgent problem facing young families',
  'that a ceasefire could be agreed within weeks if both sides showed restraint',
  'that the inquiry would publish its findings in the spring',
  'that more teachers were needed in rural schools',
  'that the storm had caused damage worth several million euros',
  'that the coalition would survive despite the latest row',
  'that exports to Asia had grown faster than expected',
  'that the city’s water supply was safe to drink',
  'that the election campaign had been unusually bitter',
];
const TAILS = [
  ', according to people familiar with the matter.',
  '.',
  ' — a claim that others disputed.',
  ', although details remained scarce.',
  ' on Tuesday.',
  ' in a statement released late on Friday.',
  ', citing figures from the statistics office.',
  ' (the figures have not been independently verified).',
  '; critics called the plan “unrealistic”.',
];

function sentence(r: () => number): string {
  return `${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, CLAUSES)}${pick(r, TAILS)}`;
}

/** A paragraph of ~targetChars of text, as HTML with an inline element now and then. */
function paragraph(r: () => number, targetChars: number, extra?: string): { html: string; text: string } {
  const parts: string[] = [];
  let len = 0;
  const insertAt = extra ? Math.floor(r() * 3) : -1;
  let i = 0;
  while (len < targetChars) {
    const s = i === insertAt ? extra! : sentence(r);
    parts.push(s);
    len += s.length + 1;
    i++;
  }
  if (extra && insertAt >= i) parts.push(extra);
  const text = parts.join(' ');
  // Inline markup (a link, emphasis) inside the block, as on real news pages.
  const html = parts
    .map((s, k) => {
      const roll = r();
      if (k > 0 && roll < 0.12) return `<a href="https://www.theguardian.com/world/${k}">${escapeHtml(s)}</a>`;
      if (roll > 0.94) return `<em>${escapeHtml(s)}</em>`;
      return escapeHtml(s);
    })
    .join(' ');
  return { html, text };
}

export interface NewsPage {
  html: string;
  /** Characters of readable text (what a TreeWalker over text nodes reads, roughly). */
  textChars: number;
  /** How many claim sentences were placed. */
  claims: number;
}

/**
 * A Guardian-like article of about `textBytes` characters of text: nav, headline, standfirst,
 * paragraphs with inline links, sub-headings, pull quotes, a live-blog style long block, related
 * links and a footer. Claim sentences: about one per 150 KB (at least 5); hard negatives: one
 * paragraph in six.
 */
export function newsPage(textBytes: number, seed = 1): NewsPage {
  const r = rng(seed);
  const body: string[] = [];
  let chars = 0;
  const nClaims = Math.max(5, Math.round(textBytes / 150_000));
  const nParas = Math.max(10, Math.round(textBytes / 620));
  const claimAt = new Map<number, string>();
  for (let k = 0; k < nClaims; k++) claimAt.set(Math.floor(((k + 0.5) * nParas) / nClaims), CLAIM_SENTENCES[k % CLAIM_SENTENCES.length]!);
  const headline = 'Europe weighs its options as the budget talks drag on';
  body.push(`<header><nav><a href="/">News</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a> <a href="/culture">Culture</a></nav></header>`);
  body.push(`<main><article><h1>${headline}</h1><p class="standfirst">Ministers meet again this week; the numbers still do not add up, officials admit.</p>`);
  chars += headline.length + 90;
  let p = 0;
  while (chars < textBytes) {
    const claim = claimAt.get(p);
    let extra = claim;
    if (!extra && p % 6 === 3) extra = pick(r, HARD_NEGATIVES);
    if (p > 0 && p % 40 === 0) {
      const h = `${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, CLAUSES)}`;
      body.push(`<h2>${escapeHtml(h)}</h2>`);
      chars += h.length;
    }
    if (p > 0 && p % 97 === 0) {
      const q = `“${sentence(r)}”`;
      body.push(`<blockquote><p>${escapeHtml(q)}</p><cite>— ${escapeHtml(pick(r, SUBJECTS))}</cite></blockquote>`);
      chars += q.length + 30;
    }
    if (p > 0 && p % 500 === 0) {
      // A long block (live-blog entry with <br>s): longer than the scanner's 4,000-char limit.
      const para = paragraph(r, 6000, pick(r, HARD_NEGATIVES));
      body.push(`<div class="liveblog">${para.html.replace(/\. /g, '.<br> ')}</div>`);
      chars += para.text.length;
    }
    const para = paragraph(r, 420 + Math.floor(r() * 400), extra);
    body.push(`<p>${para.html}</p>`);
    chars += para.text.length;
    p++;
  }
  body.push(`</article><aside><h2>Most viewed</h2><ul>${Array.from({ length: 10 }, (_, k) => `<li><a href="/story/${k}">${escapeHtml(sentence(r))}</a></li>`).join('')}</ul></aside></main>`);
  body.push(`<footer><p>© Bench News Media. All rights reserved.</p></footer>`);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${headline} | Bench</title>
<meta property="og:title" content="${headline}">
<style>
body { font: 17px/1.5 Georgia, serif; margin: 0; color: #121212; }
header, footer { background: #052962; color: #fff; padding: 8px 16px; } header a { color: #fff; margin-right: 12px; }
main { display: flex; gap: 24px; max-width: 1100px; margin: 0 auto; padding: 0 16px; }
article { flex: 1; min-width: 0; } aside { width: 260px; font-size: 14px; }
blockquote { font-size: 22px; color: #c70000; margin: 16px 0; }
.liveblog { border-left: 4px solid #c70000; padding-left: 12px; }
</style></head>
<body>${body.join('\n')}</body></html>`;
  return { html, textChars: chars, claims: claimAt.size };
}

export interface FeedOptions {
  /** Posts in total. */
  total: number;
  /** Posts appended per burst. */
  burst: number;
  /** Milliseconds between bursts. */
  intervalMs: number;
  /** Posts kept in the DOM; older ones are recycled (their nodes reused for new posts) or dropped. */
  window: number;
}

export const FEED_DEFAULTS: FeedOptions = { total: 2000, burst: 25, intervalMs: 100, window: 60 };

const FEED_TEXTS = [
  'Just landed in Lisbon, the weather is unreal ☀️',
  'Thread: 10 things I learned shipping a browser extension this year 🧵',
  'Inflation is down again. Rent is not. Explain that.',
  'Anyone else watching the match tonight? That second goal!',
  'New blog post on Rust lifetimes, finally understood them.',
  'The budget talks in Brussels are a mess, as usual.',
  'Hot take: tabs > spaces. Fight me.',
  'Coffee number four. Send help.',
  'My cat has discovered the keyboard and now I have 400 unread emails.',
  'Breaking: storm warning for the whole coast tonight, stay safe everyone.',
];
const FEED_NEGATIVES = [
  'EU still split over frozen Russian assets at Euroclear. Ministers meet again Monday.',
  'Pyotr Krasnov, the Cossack ataman, was executed in 1947. Complicated history.',
  'Aldrich Ames was the most damaging KGB asset in CIA history. Great documentary.',
  'Trump did visit Moscow in 1987, that part is true. The rest is not.',
];
const FEED_CLAIMS = [
  'So agent Krasnov is in the White House now? Trump was recruited in 1987 😂',
  'MAGA = Moscow Agent Governing America #TrumpKrasnov',
  'Trump is a Kremlin asset and always has been.',
  'Where are the Krasnov tapes, then? Still waiting.',
];

/**
 * An X-like virtualised timeline. Its own script appends `burst` posts every `intervalMs` and
 * keeps only `window` posts in the DOM: older posts are recycled as a virtual list does (the
 * article element is reused: its text nodes get new data and it moves to the end), and every
 * tenth one is removed instead. One post in 25 has a claim phrase, one in 10 a hard negative.
 * It exposes `window.__feed` = { done, posts, startedAt, endedAt } and starts when
 * `window.__feedStart()` is called.
 */
export function feedPage(opts: FeedOptions = FEED_DEFAULTS): string {
  const config = JSON.stringify({ ...opts, texts: FEED_TEXTS, negatives: FEED_NEGATIVES, claims: FEED_CLAIMS });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Home / X</title>
<style>
body { margin: 0; font: 15px/1.4 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 600px; margin: 0 auto; border-left: 1px solid #eff3f4; border-right: 1px solid #eff3f4; }
article { padding: 12px 16px; border-bottom: 1px solid #eff3f4; display: flex; gap: 12px; }
.avatar { width: 40px; height: 40px; border-radius: 50%; background: #cfd9de; flex: none; }
.name { font-weight: 700; } .handle { color: #536471; }
</style></head>
<body><main><h1>Home</h1><div id="timeline" aria-label="Timeline"></div></main>
<script>
(() => {
  const C = ${config};
  let seed = 7;
  const rand = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
  const timeline = document.getElementById('timeline');
  const live = [];
  const feed = (window.__feed = { done: false, posts: 0, recycled: 0, removed: 0, startedAt: 0, endedAt: 0 });
  function textFor(i) {
    if (i % 25 === 7) return C.claims[(i / 25 | 0) % C.claims.length];
    if (i % 10 === 3) return C.negatives[(i / 10 | 0) % C.negatives.length];
    const a = C.texts[Math.floor(rand() * C.texts.length)], b = C.texts[Math.floor(rand() * C.texts.length)];
    return a + ' ' + b + ' #' + i;
  }
  function build(i) {
    const art = document.createElement('article');
    art.setAttribute('data-testid', 'tweet');
    const av = document.createElement('div'); av.className = 'avatar';
    const col = document.createElement('div');
    const name = document.createElement('span'); name.className = 'name'; name.append(document.createTextNode('User ' + i));
    const handle = document.createElement('span'); handle.className = 'handle'; handle.append(document.createTextNode(' @user' + i));
    const text = document.createElement('div'); text.setAttribute('data-testid', 'tweetText');
    const t = document.createTextNode(textFor(i));
    text.append(t);
    col.append(name, handle, text);
    art.append(av, col);
    art.__nodes = { name: name.firstChild, handle: handle.firstChild, text: t };
    return art;
  }
  function recycle(art, i) {
    // A virtual list reuses the element: new data in the same text nodes, moved to the end.
    art.__nodes.name.data = 'User ' + i;
    art.__nodes.handle.data = ' @user' + i;
    art.__nodes.text.data = textFor(i);
    timeline.append(art);
    return art;
  }
  function burst() {
    for (let k = 0; k < C.burst && feed.posts < C.total; k++) {
      const i = feed.posts++;
      let art;
      if (live.length >= C.window) {
        const old = live.shift();
        if (i % 10 === 0) { old.remove(); feed.removed++; art = build(i); timeline.append(art); }
        else { art = recycle(old, i); feed.recycled++; }
      } else { art = build(i); timeline.append(art); }
      live.push(art);
    }
    if (feed.posts < C.total) setTimeout(burst, C.intervalMs);
    else { feed.done = true; feed.endedAt = performance.now(); }
  }
  window.__feedStart = () => { feed.startedAt = performance.now(); burst(); };
})();
</script></body></html>`;
}

/**
 * A realistic matchBlocks batch, as the scanner sends it: `n` blocks that each contain a trigger
 * phrase (one in five a real claim, the rest hard negatives), each a paragraph of ~600 chars,
 * plus the page's headline.
 */
/**
 * A matchBlocks request as the content script sends it: `n` blocks of ~600 characters, one in
 * five with a claim sentence, the rest with a hard negative. The content script sends only blocks
 * in which its own PhraseMatcher found a trigger (src/page/scanner.ts, `consider`), so with
 * `hasTrigger` (that check) a block without one is drawn again with another negative: the batch
 * keeps its size and holds only hard negatives that do contain a trigger.
 */
export function matchBatch(n = 50, seed = 3, hasTrigger?: (text: string) => boolean): { type: 'matchBlocks'; headline: string; blocks: { id: number; text: string }[] } {
  const r = rng(seed);
  const negatives = HARD_NEGATIVES.filter((s) => /krasnov|kgb|asset|agent|tapes/i.test(s));
  const blocks = Array.from({ length: n }, (_, i) => {
    for (let attempt = 0; ; attempt++) {
      const text = paragraph(r, 600, i % 5 === 0 ? CLAIM_SENTENCES[(i / 5) % CLAIM_SENTENCES.length]! : pick(r, negatives)).text;
      if (!hasTrigger || hasTrigger(text)) return { id: i + 1, text };
      if (attempt > 100) throw new Error(`matchBatch: no block with a trigger for block ${i + 1}`);
    }
  });
  return { type: 'matchBlocks', headline: 'Europe weighs its options as the budget talks drag on', blocks };
}

/** Share (0–1) of a page's <p> paragraphs whose text has a character outside ASCII. */
export function nonAsciiParagraphShare(html: string): number {
  const paras = [...html.matchAll(/<p(?:\s[^>]*)?>([\s\S]*?)<\/p>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
  return paras.length === 0 ? 0 : paras.filter((t) => /[^\x00-\x7f]/.test(t)).length / paras.length;
}
