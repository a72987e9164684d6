import type { CardLabels } from '../card/Card';
import { VERDICTS } from '../claims/schema';
import type { Translate } from './i18n';

/** The card's fixed words in the UI language (content script and popup). */
export function cardLabels(t: Translate): CardLabels {
  return {
    brand: t('cardBrand'),
    close: t('cardClose'),
    claim: t('cardClaim'),
    fullExplanation: t('cardFullExplanation'),
    sources: t('cardSources'),
    rated: (r) => t('cardRated', r),
    whySeeing: t('cardWhy'),
    matchedWords: t('cardMatchedWords'),
    inHeadline: t('cardInHeadline'),
    inText: t('cardInText'),
    namesSubject: t('cardNamesSubject'),
    hasSetWords: (set) => (set === '$start' ? t('cardStartsSentence') : set === '$marked' ? t('cardMarksName') : t('cardHasSetWords', set)),
    wordsAlone: t('cardWordsAlone'),
    reviewed: (d) => t('cardReviewed', d),
    notAbout: t('cardNotAbout'),
    notAboutHint: t('cardNotAboutHint'),
    hideOnSite: (site) => t('cardHideOnSite', site),
    verdicts: verdictLabels(t),
  };
}

const VERDICT_KEYS = {
  false: 'verdictFalse',
  'mostly-false': 'verdictMostlyFalse',
  mixed: 'verdictMixed',
  'mostly-true': 'verdictMostlyTrue',
  true: 'verdictTrue',
  unproven: 'verdictUnproven',
  misleading: 'verdictMisleading',
  satire: 'verdictSatire',
} as const;

export function verdictLabels(t: Translate): CardLabels['verdicts'] {
  return Object.fromEntries(VERDICTS.map((v) => [v, t(VERDICT_KEYS[v])]));
}
