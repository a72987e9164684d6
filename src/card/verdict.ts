import type { Verdict } from '../claims/schema';

/** How a verdict is shown: always a word and an icon, never colour alone. */
export interface VerdictStyle {
  readonly label: string;
  /** A text symbol (no image, no markup); hidden from screen readers since the label says it. */
  readonly icon: string;
  readonly tone: 'red' | 'orange' | 'amber' | 'teal' | 'green' | 'grey' | 'blue';
}

export const VERDICT_STYLE: Record<Verdict, VerdictStyle> = {
  false: { label: 'False', icon: '✕', tone: 'red' },
  'mostly-false': { label: 'Mostly false', icon: '✕', tone: 'orange' },
  mixed: { label: 'Mixed', icon: '◐', tone: 'amber' },
  'mostly-true': { label: 'Mostly true', icon: '✓', tone: 'teal' },
  true: { label: 'True', icon: '✓', tone: 'green' },
  unproven: { label: 'Unproven', icon: '?', tone: 'grey' },
  misleading: { label: 'Misleading', icon: '!', tone: 'orange' },
  satire: { label: 'Satire', icon: '☺', tone: 'blue' },
};

/** Only https links are ever rendered, whatever the data says. */
export function safeHttpsUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function formatDate(iso: string, locale?: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}
