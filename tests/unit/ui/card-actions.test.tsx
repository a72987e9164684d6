// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { Card } from '@/src/card/Card';
import { EN_LABELS } from '../card/en-labels';
import type { CardClaim } from '@/src/messaging/protocol';

const claim: CardClaim = {
  id: 'c',
  statement: 'Statement.',
  verdict: 'unproven',
  summary: 'Summary.',
  explanation: 'Explanation.',
  reviews: [{ publisher: 'Pub', title: 'T', url: 'https://a.example/x', datePublished: '2025-03-13', rating: 'Unproven' }],
  appearances: [],
  related: [],
  lastReviewed: '2025-04-01',
};
const evidence = { trigger: 'agent Krasnov', language: 'en', context: [] };

describe('Card: user control and translations', () => {
  it('has no buttons unless the callbacks are given (the popup shows none)', () => {
    const root = document.createElement('div');
    render(<Card labels={EN_LABELS} claim={claim} evidence={evidence} onClose={() => {}} />, root);
    expect(root.querySelector('.actions')).toBeNull();
  });

  it('"Not about this claim" and "Hide on <site>" call back with the claim', () => {
    const onNotAbout = vi.fn();
    const onHideSite = vi.fn();
    const root = document.createElement('div');
    render(<Card labels={EN_LABELS} claim={claim} evidence={evidence} onClose={() => {}} onNotAbout={onNotAbout} onHideSite={onHideSite} site="x.com" />, root);
    const [notAbout, hide] = [...root.querySelectorAll<HTMLButtonElement>('.actions button')];
    expect(notAbout!.textContent).toBe('Not about this claim');
    expect(hide!.textContent).toBe('Hide on x.com');
    notAbout!.click();
    hide!.click();
    expect(onNotAbout).toHaveBeenCalledWith(claim);
    expect(onHideSite).toHaveBeenCalledWith(claim);
  });

  it('takes translated labels, a forced theme, and no "why" section without evidence', () => {
    const root = document.createElement('div');
    render(
      <Card claim={claim} onClose={() => {}} theme="dark" labels={{ ...EN_LABELS, sources: 'Quellen', verdicts: { unproven: 'Unbelegt' }, hideOnSite: (s) => `Auf ${s} ausblenden` }} onHideSite={() => {}} site="x.com" />,
      root,
    );
    expect(root.querySelector('.sources-title')!.textContent).toBe('Quellen');
    expect(root.querySelector('.verdict-label')!.textContent).toBe('Unbelegt');
    expect(root.querySelector('.card')!.getAttribute('data-theme')).toBe('dark');
    expect(root.querySelector('.why')).toBeNull();
    expect(root.querySelector('[data-action="hide-site"]')!.textContent).toBe('Auf x.com ausblenden');
  });
});
