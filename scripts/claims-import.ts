/**
 * npm run claims:import -- FILE [--data DIR] [--dry-run]
 *
 * Reads ClaimReview records (JSON-LD array, DataFeed, JSON Lines or one object), turns them into
 * claims (src/claims/claimreview.ts), prints every rejected record with its reason, and merges
 * the claims into the database: a new id is added; an existing id is replaced only by a claim
 * that carries the full "claimlens:claim" extension (otherwise: a conflict, skipped); a foreign
 * claim that is an existing claim in other words (same statement or phrasing) is a conflict too.
 *
 * All or nothing: the merged database is written to a temporary directory next to DIR and
 * checked there with checkDatabase; only when it passes are the new and changed files renamed
 * into place (each rename replaces one file atomically; if one fails, those already moved are
 * rolled back). On any problem nothing in DIR changes.
 *
 * Exit codes: 0 = merged (or nothing to change); 1 = FILE unreadable or in no accepted format,
 * the database or the merged database fails the check, the files could not be moved, or records
 * were rejected or in conflict and nothing was imported; 2 = bad arguments.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { checkDatabase, formatProblem, type Problem } from '../src/claims/check';
import { ClaimReviewInputError, claimKeys, fromClaimReviews, statementKey, type ImportResult } from '../src/claims/claimreview';
import type { Claim } from '../src/claims/schema';
import { checkDataDir, readDataDir, ROOT } from './lib/data-files';
import { runCli } from './lib/cli';

export interface ImportCliOptions {
  readonly file: string;
  /** The data directory (with claims/ and lexicon.json). Default: data/. */
  readonly dataDir?: string;
  readonly dryRun?: boolean;
  readonly now?: Date;
}

/** A claim as it is written to data/claims/<id>.json: schema order, two-space indent, final newline. */
export function claimFileText(c: Claim): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}

interface Change {
  readonly kind: 'add' | 'replace';
  readonly claim: Claim;
}

/** Returns the exit code. */
export function runImport(opts: ImportCliOptions, log: (line: string) => void = console.log, error: (line: string) => void = console.error): number {
  const dataDir = resolve(opts.dataDir ?? join(ROOT, 'data'));
  const now = opts.now ?? new Date();
  const tag = opts.dryRun ? 'claims:import (dry run)' : 'claims:import';

  let input: string;
  try {
    input = readFileSync(opts.file, 'utf8');
  } catch (e) {
    error(`${tag}: cannot read ${opts.file}: ${(e as Error).message}`);
    return 1;
  }

  let files: ReturnType<typeof readDataDir>;
  try {
    files = readDataDir(dataDir);
  } catch (e) {
    error(`${tag}: cannot read the database in ${dataDir}: ${(e as Error).message}`);
    return 1;
  }
  // The database as it is. It need not pass the check (an import may be what repairs it): the
  // merged result must.
  const before = checkDatabase(files.claims, files.lexicon, now);
  const existing = new Map(before.claims.map((c) => [c.id, c]));
  const existingFiles = new Set(files.claims.map((f) => basename(f.file, '.json')));

  let result: ImportResult;
  try {
    result = fromClaimReviews(input, { now, takenIds: new Set([...existing.keys(), ...existingFiles]) });
  } catch (e) {
    if (!(e instanceof ClaimReviewInputError)) throw e;
    error(`${tag}: ${opts.file}: ${e.message}`);
    return 1;
  }
  if (result.rejected.length > 0) {
    error(`${tag}: ${result.rejected.length} record(s) rejected:`);
    for (const r of result.rejected) error(`  ${r.record}: ${r.reason}`);
  }

  // Merge.
  const keyOwner = new Map<string, string>();
  for (const c of before.claims) for (const k of claimKeys(c)) keyOwner.set(k, c.id);
  const complete = new Set(result.withExtension);
  const changes: Change[] = [];
  const conflicts: string[] = [];
  let unchanged = 0;
  for (const c of result.claims) {
    const old = existing.get(c.id);
    if (old || existingFiles.has(c.id)) {
      if (!complete.has(c.id)) conflicts.push(`claim "${c.id}" already exists and the import does not carry its full claimlens:claim extension; skipped`);
      else if (old && isDeepStrictEqual(old, c)) unchanged++;
      else changes.push({ kind: 'replace', claim: c });
      continue;
    }
    if (!complete.has(c.id)) {
      const same = keyOwner.get(statementKey(c.statement));
      if (same !== undefined) {
        conflicts.push(`claim "${c.id}" ("${c.statement}") is already in the database as "${same}" (same statement or phrasing); skipped`);
        continue;
      }
    }
    changes.push({ kind: 'add', claim: c });
  }
  if (conflicts.length > 0) {
    error(`${tag}: ${conflicts.length} conflict(s):`);
    for (const c of conflicts) error(`  ${c}`);
  }
  const added = changes.filter((c) => c.kind === 'add').length;
  const replaced = changes.length - added;
  const summary = `${added} added, ${replaced} replaced, ${unchanged} unchanged, ${conflicts.length} conflict(s), ${result.rejected.length} rejected record(s)`;

  if (changes.length === 0) {
    const failed = result.rejected.length > 0 || conflicts.length > 0;
    (failed ? error : log)(`${tag}: nothing to change in ${relative(ROOT, dataDir) || '.'}: ${summary}`);
    return failed && unchanged === 0 ? 1 : 0;
  }

  // Write the whole merged database next to the data directory, and check it there.
  const tmp = mkdtempSync(join(dirname(dataDir), `.${basename(dataDir)}-import-`));
  try {
    const tmpClaims = join(tmp, 'claims');
    mkdirSync(tmpClaims);
    const changed = new Set(changes.map((c) => `${c.claim.id}.json`));
    for (const f of files.claims) {
      const name = basename(f.file);
      if (!changed.has(name)) writeFileSync(join(tmpClaims, name), f.text);
    }
    for (const c of changes) writeFileSync(join(tmpClaims, `${c.claim.id}.json`), claimFileText(c.claim));
    writeFileSync(join(tmp, 'lexicon.json'), files.lexicon.text);

    const after = checkDataDir(tmp, now);
    if (after.problems.length > 0) {
      const from = relative(ROOT, tmp);
      const to = relative(ROOT, dataDir);
      const shown = (p: Problem): Problem => ({ ...p, file: p.file.startsWith(from) ? to + p.file.slice(from.length) : p.file });
      const already = before.problems.length > 0 ? ` (the database had ${before.problems.length} before the import)` : '';
      error(`${tag}: the merged database would have ${after.problems.length} problem(s)${already}; nothing changed:`);
      for (const p of after.problems) error(`  ${formatProblem(shown(p))}`);
      return 1;
    }
    if (after.claims.length !== files.claims.length + added) {
      error(`${tag}: the merged database has ${after.claims.length} claims, expected ${files.claims.length + added}; nothing changed`);
      return 1;
    }

    for (const c of changes) log(`  ${opts.dryRun ? 'would ' : ''}${c.kind} ${relative(ROOT, join(dataDir, 'claims', `${c.claim.id}.json`))}`);
    if (opts.dryRun) {
      log(`${tag}: the merged database passes the check (${after.claims.length} claims); nothing written: ${summary}`);
      return 0;
    }

    // Move into place. Each rename is atomic; a failure undoes the ones already done.
    const backup = join(tmp, 'backup');
    mkdirSync(backup);
    const done: Change[] = [];
    try {
      for (const c of changes) {
        const name = `${c.claim.id}.json`;
        const target = join(dataDir, 'claims', name);
        if (c.kind === 'replace') copyFileSync(target, join(backup, name));
        renameSync(join(tmpClaims, name), target);
        done.push(c);
      }
    } catch (e) {
      for (const c of done.reverse()) {
        const name = `${c.claim.id}.json`;
        const target = join(dataDir, 'claims', name);
        try {
          if (c.kind === 'replace') renameSync(join(backup, name), target);
          else unlinkSync(target);
        } catch (undo) {
          error(`${tag}: could not undo ${target}: ${(undo as Error).message}`);
        }
      }
      error(`${tag}: could not move the files into place (${(e as Error).message}); changes undone`);
      return 1;
    }
    log(`${tag}: ${relative(ROOT, dataDir) || '.'} now has ${after.claims.length} claims: ${summary}`);
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function parseImportArgs(argv: readonly string[]): ImportCliOptions | string {
  let file: string | undefined;
  let dataDir: string | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--dry-run') dryRun = true;
    else if (a === '--data') {
      dataDir = argv[++i];
      if (!dataDir) return '--data needs a directory';
    } else if (a.startsWith('--data=')) dataDir = a.slice(7);
    else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (file === undefined) file = a;
    else return `unexpected argument ${a}`;
  }
  if (!file) return 'missing FILE';
  return { file, dryRun, ...(dataDir ? { dataDir: resolve(dataDir) } : {}) };
}

runCli(import.meta.url, { name: 'claims:import', usage: 'npm run claims:import -- FILE [--data DIR] [--dry-run]', parse: parseImportArgs, run: runImport });
