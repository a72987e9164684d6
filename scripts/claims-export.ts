/**
 * npm run claims:export -- FILE [--data DIR]
 *
 * Writes the claim database as schema.org ClaimReview JSON-LD: one record per review, with our
 * own fields under "claimlens:claim" (see src/claims/claimreview.ts and docs/data.md). A FILE
 * ending in .jsonl gets JSON Lines (one record per line), anything else a pretty JSON array.
 * Refuses to export a database that fails claims:check, and lists its problems.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkDatabase, formatProblem } from '../src/claims/check';
import { toClaimReviews } from '../src/claims/claimreview';
import { readDataDir } from './lib/data-files';
import { runCli } from './lib/cli';

export interface ExportOptions {
  readonly file: string;
  readonly dataDir?: string;
  readonly now?: Date;
}

/** Returns the exit code; writes FILE only when the database is valid (atomically: temp file, then rename). */
export function runExport(opts: ExportOptions, log: (line: string) => void = console.log, error: (line: string) => void = console.error): number {
  let files;
  try {
    files = readDataDir(opts.dataDir);
  } catch (e) {
    error(`claims:export: cannot read the database: ${(e as Error).message}`);
    return 1;
  }
  const { problems, claims } = checkDatabase(files.claims, files.lexicon, opts.now);
  if (problems.length > 0) {
    error(`claims:export: the database has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing exported:`);
    for (const p of problems) error(`  ${formatProblem(p)}`);
    return 1;
  }
  const records = toClaimReviews(claims);
  const text = opts.file.endsWith('.jsonl') ? records.map((r) => JSON.stringify(r)).join('\n') + '\n' : JSON.stringify(records, null, 2) + '\n';
  const target = resolve(opts.file);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    error(`claims:export: cannot write ${opts.file}: ${(e as Error).message}`);
    return 1;
  }
  log(`claims:export: ${claims.length} claims, ${records.length} ClaimReview records → ${opts.file}`);
  return 0;
}

export function parseExportArgs(argv: readonly string[]): ExportOptions | string {
  let file: string | undefined;
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data') dataDir = argv[++i];
    else if (a.startsWith('--data=')) dataDir = a.slice(7);
    else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (file === undefined) file = a;
    else return `unexpected argument ${a}`;
  }
  if (!file) return 'missing FILE';
  if (argv.includes('--data') && !dataDir) return '--data needs a directory';
  return { file, ...(dataDir ? { dataDir: resolve(dataDir) } : {}) };
}

runCli(import.meta.url, { name: 'claims:export', usage: 'npm run claims:export -- FILE [--data DIR]   (FILE.jsonl writes JSON Lines)', parse: parseExportArgs, run: runExport });
