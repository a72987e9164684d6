import css from './card.css?inline';

/**
 * The card's styles (card.css, minified by the build), inside its shadow root: the page's CSS
 * cannot reach them.
 */
export const CARD_CSS: string = css;
