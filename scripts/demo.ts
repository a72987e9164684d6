/**
 * Opens the built extension on the demo pages (served under their real host names, no network).
 * With a display: a normal browser window to try it by hand. Without one (or with --headless):
 * writes screenshots of each highlighted page and of an open card to demo-output/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hoverHighlight, launchWithExtension, routeFixtures, waitForHighlights } from '../tests/e2e/extension';
import { FIXTURE_PAGES, type FixtureName } from '../tests/fixtures/sites';

const OUT = join(process.cwd(), 'demo-output');
const DEMO_PAGES = ['x', 'tiktok', 'news'] as const satisfies readonly FixtureName[];
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;

const { context, close } = await launchWithExtension({ headless, viewport: { width: 1100, height: 760 } });
await routeFixtures(context);

if (!headless) {
  for (const name of DEMO_PAGES) await (await context.newPage()).goto(FIXTURE_PAGES[name].url);
  console.log('ClaimLens demo is open: hover a highlighted phrase. Close the browser window to finish.');
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
} else {
  mkdirSync(OUT, { recursive: true });
  const cardOn: Record<(typeof DEMO_PAGES)[number], string> = { x: 'agent Krasnov', tiktok: 'comrade Krasnov', news: 'KGB recruited' };
  for (const name of DEMO_PAGES) {
    const page = await context.newPage();
    await page.goto(FIXTURE_PAGES[name].url);
    const found = await waitForHighlights(page, 1);
    await page.screenshot({ path: join(OUT, `${name}-highlights.png`) });
    await hoverHighlight(page, cardOn[name]);
    await page.locator('claimlens-card .card').waitFor({ state: 'visible' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, `${name}-card.png`) });
    console.log(`${name}: ${found.length} highlights (${found.join(' | ')}); screenshots in demo-output/${name}-*.png`);
    await page.close();
  }
  await close();
}
