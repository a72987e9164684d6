import browser from 'webextension-polyfill';

/** A message key of public/_locales/en/messages.json (checked at compile time). */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

/** The translation function the UI passes to pure modules and components. */
export type Translate = (key: MessageKey, subs?: string | string[]) => string;

/**
 * browser.i18n, typed by our English catalogue. Chrome falls back to English for a key a
 * language lacks; a key missing everywhere shows itself, so it is seen and fixed.
 */
export const t: Translate = (key, subs) => browser.i18n.getMessage(key, subs) || key;

/** The browser's UI language (for dates, and the document's lang attribute). */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return 'en';
  }
}
