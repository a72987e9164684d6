// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { Card } from '@/src/card/Card';
import { EN_LABELS } from './en-labels';
import type { CardClaim } from '@/src/messaging/protocol';

const claim: CardClaim = {
  id: 'c',
  statement: '<img src=x onerror="alert(1)"> was recruited',
  verdict: 'false',
  summary: '<script>alert(2)</script> Summary.',
  explanation: 'Explanation.',
  reviews: [
    { publisher: 'Pub <b>A</b>', title: 'Safe', url: 'https://a.example/x', datePublished: '2025-03-13', rating: 'False' },
    { publisher: 'Pub B', title: 'Sneaky', url: 'javascript:alert(3)', datePublished: '2025-03-14', rating: 'False' },
  ],
  appearances: [],
  related: [],
  lastReviewed: '2025-04-01',
};

const mount = () => {
  const root = document.createElement('div');
  render(<Card labels={EN_LABELS} claim={claim} evidence={{ trigger: 'agent Krasnov', language: 'en', context: [{ set: 'subject', words: ['Trump'], where: 'text' }] }} onClose={() => {}} />, root);
  return root;
};

describe('Card', () => {
  it('shows the verdict as a word and an icon, not colour alone', () => {
    const v = mount().querySelector('[data-testid="verdict"]')!;
    expect(v.textContent).toContain('False');
    expect(v.querySelector('[aria-hidden="true"]')!.textContent).toBe('✕');
  });

  it('renders data as text, never as markup', () => {
    const root = mount();
    expect(root.querySelector('img, script, b')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror="alert(1)"> was recruited');
  });

  it('links https sources in a new tab without opener or referrer, and drops other schemes', () => {
    const links = [...mount().querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://a.example/x']);
    expect(links[0]!.getAttribute('target')).toBe('_blank');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('is a labelled non-modal dialog that explains why it matched', () => {
    const root = mount();
    const dialog = root.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('false');
    expect(root.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)!.textContent).toContain('was recruited');
    expect(root.querySelector('.why')!.textContent).toContain('agent Krasnov');
    expect(root.querySelector('.why')!.textContent).toContain('Trump');
  });
});
