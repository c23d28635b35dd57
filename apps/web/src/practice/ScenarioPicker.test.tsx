import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioOption } from './practice-types.js';
import { ScenarioPicker } from './ScenarioPicker.js';

afterEach(cleanup);

const options: ScenarioOption[] = [
  { id: 'discovery-easy', title: 'Discovery (easy)', kind: 'discovery', difficulty: 'easy' },
  { id: 'discovery-hard', title: 'Discovery (hard)', kind: 'discovery', difficulty: 'hard' },
  { id: 'closing-hard', title: 'Closing (hard)', kind: 'closing', difficulty: 'hard' },
  {
    id: 'deal-opp-0562',
    title: 'Quarry Robotics – Team expansion (Negotiation)',
    kind: 'negotiation',
    difficulty: 'realistic',
    opportunityId: 'opp-0562',
  },
];

function Picker({ initial }: { initial: string }) {
  const [chosen, setChosen] = useState(initial);
  return (
    <>
      <ScenarioPicker options={options} chosen={chosen} onChoose={setChosen} disabled={false} />
      <output>{chosen}</output>
    </>
  );
}

const titles = (group: string) =>
  within(screen.getByRole('group', { name: group }))
    .getAllByRole('radio')
    .map((r) => r.closest('label')?.querySelector('.scenario-title')?.textContent);

describe('ScenarioPicker', () => {
  it('lists your deals apart from the library, with kind and difficulty', () => {
    render(<Picker initial="discovery-easy" />);
    expect(titles('From your deals')).toEqual(['Quarry Robotics – Team expansion (Negotiation)']);
    expect(titles('Scenario library')).toEqual([
      'Discovery (easy)',
      'Discovery (hard)',
      'Closing (hard)',
    ]);
    expect(
      screen.getByRole('radio', { name: /Closing \(hard\)/ }).closest('label')?.textContent,
    ).toContain('Closinghard');
  });

  it('narrows the library by kind and difficulty; a hidden choice gives way to the first shown', async () => {
    const user = userEvent.setup();
    render(<Picker initial="discovery-easy" />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Difficulty' }), 'hard');
    expect(titles('Scenario library')).toEqual(['Discovery (hard)', 'Closing (hard)']);
    expect(screen.getByRole('status').textContent).toBe('discovery-hard');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'closing');
    expect(titles('Scenario library')).toEqual(['Closing (hard)']);
    expect(screen.getByRole('status').textContent).toBe('closing-hard');
    // Deals are never filtered away, and a chosen deal stays chosen.
    await user.click(screen.getByRole('radio', { name: /Quarry Robotics/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'discovery');
    expect(titles('From your deals')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe('deal-opp-0562');
  });
});
