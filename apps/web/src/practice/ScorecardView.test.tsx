import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PracticeScorecard } from './practice-types.js';
import { ScorecardView } from './ScorecardView.js';

afterEach(cleanup);

const card = (provider: string): PracticeScorecard => ({
  score: 50,
  checks: [
    {
      id: 'meddicc.pain',
      label: 'Pain',
      passed: true,
      evidence: 'What is not working today?',
      advice: 'You found the pain early.',
    },
    { id: 'meddicc.metrics', label: 'Metrics', passed: false, advice: 'Quantify the pain.' },
    { id: 'objection.acknowledge', label: 'Acknowledged the objection', passed: null },
  ],
  strengths: ['Opened with the buyer’s problem.', 'Asked open questions.'],
  improvements: ['Quantify the pain.', 'Book a dated next step.'],
  model: { provider, name: provider === 'offline' ? 'offline model' : 'gpt' },
  createdAt: '2026-12-01T10:00:00.000Z',
});

describe('ScorecardView', () => {
  it('is a region named "Scorecard" with the score, each check’s verdict, its quote and advice', () => {
    render(<ScorecardView scorecard={card('openai')} />);
    const region = screen.getByRole('region', { name: 'Scorecard' });
    expect(within(region).getByText('50').textContent).toBe('50');
    const items = within(region).getAllByRole('listitem').slice(0, 3);
    expect(items.map((li) => li.querySelector('.check-verdict')?.textContent)).toEqual([
      'passed',
      'not passed',
      'not applicable',
    ]);
    expect(items[0]?.querySelector('blockquote')?.textContent).toBe(
      'You said: “What is not working today?”',
    );
    expect(items[1]?.querySelector('blockquote')).toBeNull();
    expect(items[1]?.textContent).toContain('Quantify the pain.');
    expect(
      within(region).getByText('1 of 2 applicable checks passed', { exact: false }),
    ).toBeTruthy();
    const strengths = within(region).getByRole('heading', { name: 'Strengths' }).nextSibling;
    expect(strengths?.textContent).toBe('Opened with the buyer’s problem.Asked open questions.');
    expect(within(region).queryByText('offline model')).toBeNull();
  });

  it('says "offline model" when the rules scored it', () => {
    render(<ScorecardView scorecard={card('offline')} />);
    expect(screen.getByRole('region', { name: 'Scorecard' }).textContent).toContain(
      'offline model',
    );
  });
});
