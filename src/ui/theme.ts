import type { Theme } from '../settings/schema';

/** The user's theme on an extension page: light or dark forced, or the system's (auto). */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'auto') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
