/** npm run claims:check [-- DATA_DIR]: validates the claim database, reports every problem, exits 1 on any. */
import { formatProblem } from '../src/claims/check';
import { checkDataDir } from './lib/data-files';

const dir = process.argv[2];
const { problems, claims } = checkDataDir(dir);
if (problems.length > 0) {
  console.error(`claims:check found ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
  for (const p of problems) console.error(`  ${formatProblem(p)}`);
  process.exit(1);
}
console.log(`claims:check: ${claims.length} claims OK`);
