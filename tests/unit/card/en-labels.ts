import messages from '@/public/_locales/en/messages.json';
import type { CardLabels } from '@/src/card/Card';
import { cardLabels } from '@/src/ui/card-labels';
import type { MessageKey, Translate } from '@/src/ui/i18n';

type Message = { message: string; placeholders?: Record<string, { content: string }> };

/** browser.i18n.getMessage over the English catalogue: what an English browser shows. */
export const englishT: Translate = (key: MessageKey, subs?: string | string[]) => {
  const m = (messages as Record<string, Message>)[key]!;
  let s = m.message;
  for (const [name, p] of Object.entries(m.placeholders ?? {})) s = s.replaceAll(`$${name.toUpperCase()}$`, p.content);
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  return s.replace(/\$(\d)/g, (_, d: string) => list[Number(d) - 1] ?? '');
};

/** The card's words in English, as the content script and the popup pass them. */
export const EN_LABELS: CardLabels = cardLabels(englishT);
