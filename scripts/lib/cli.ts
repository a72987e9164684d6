import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** True when the module at `moduleUrl` is the script node was asked to run (not imported by a test). */
export function isMain(moduleUrl: string): boolean {
  try {
    return !!process.argv[1] && moduleUrl === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

/**
 * Runs a script's entry point when it is the main module: parses the arguments (a string is a
 * usage error: printed with the usage line, exit 2), then exits with what `run` returns.
 */
export function runCli<T>(moduleUrl: string, cli: { name: string; usage: string; parse: (argv: string[]) => T | string; run: (opts: T) => number }): void {
  if (!isMain(moduleUrl)) return;
  const opts = cli.parse(process.argv.slice(2));
  if (typeof opts === 'string') {
    console.error(`${cli.name}: ${opts}\nusage: ${cli.usage}`);
    process.exit(2);
  }
  process.exit(cli.run(opts));
}
