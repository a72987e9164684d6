import { startContentApp } from '@/src/page/content-app';
import { CONTENT_MATCHES } from '@/src/page/sites';
import { yieldToMain } from '@/src/page/yield';
import './highlight.css';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_idle',
  // Sites put content in same-origin and about:blank frames too; each frame reads its own text.
  allFrames: true,
  matchAboutBlank: true,
  cssInjectionMode: 'manifest',
  async main(ctx) {
    // Evaluating this script is one task already: the rest of start-up runs in the next ones.
    await yieldToMain();
    const app = await startContentApp(document);
    ctx.addEventListener(window, 'wxt:locationchange', () => app.routeChanged());
    // When the extension is reloaded or updated, the old content script lets go of the page.
    ctx.onInvalidated(() => app.stop());
  },
});
