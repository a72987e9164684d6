import highlightCss from '../../entrypoints/content/highlight.css?inline';

/**
 * `::highlight()` rules apply per tree scope: the stylesheet the manifest injects styles the
 * document, not the page's open shadow roots. Each shadow root we scan gets the same rules as
 * an adopted (constructed) stylesheet: no element is added to the page.
 */
let sheet: CSSStyleSheet | undefined;

export function styleShadowRoot(sr: ShadowRoot): void {
  try {
    sheet ??= (() => {
      const s = new CSSStyleSheet();
      s.replaceSync(highlightCss);
      return s;
    })();
    if (!sr.adoptedStyleSheets.includes(sheet)) sr.adoptedStyleSheets = [...sr.adoptedStyleSheets, sheet];
  } catch {
    // A page that freezes adoptedStyleSheets only loses the highlight colour inside its shadow roots.
  }
}
