import { startContentApp } from '@/src/page/content-app';
import { CONTENT_MATCHES } from '@/src/page/sites';
import './highlight.css';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  async main(ctx) {
    const app = await startContentApp(document);
    // When the extension is reloaded or updated, the old content script lets go of the page.
    ctx.onInvalidated(() => app.stop());
  },
});
