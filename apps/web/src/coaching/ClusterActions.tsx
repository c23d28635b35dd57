import '../styles/coaching.css';
import { useState } from 'react';
import { AssignPracticeForm } from './AssignPracticeForm.js';
import { MakeScenarioForm } from './MakeScenarioForm.js';
import { PinAnswerForm } from './PinAnswerForm.js';

export interface ClusterTarget {
  readonly teamId: string;
  readonly teamName: string;
  readonly clusterId: string;
  readonly question: string;
  readonly examples: readonly string[];
}

type Panel = 'pin' | 'scenario' | 'assign' | null;

/** What a manager can do about a common question: pin an answer, make a scenario, assign practice. */
export function ClusterActions({ target }: { target: ClusterTarget }) {
  const [open, setOpen] = useState<Panel>(null);
  const [scenarioId, setScenarioId] = useState<string | null>(null);
  const toggle = (panel: Panel) => setOpen((current) => (current === panel ? null : panel));
  const button = (panel: Exclude<Panel, null>, label: string) => (
    <button
      type="button"
      className="ghost small"
      aria-expanded={open === panel}
      onClick={() => toggle(panel)}
    >
      {label}
    </button>
  );
  return (
    <div className="cluster-actions">
      <div className="cluster-action-buttons">
        {button('pin', 'Pin an answer')}
        {button('scenario', 'Make a scenario')}
        {button('assign', 'Assign practice')}
      </div>
      {open === 'pin' && <PinAnswerForm target={target} />}
      {open === 'scenario' && (
        <MakeScenarioForm
          target={target}
          onSaved={(id) => {
            setScenarioId(id);
            setOpen('assign');
          }}
        />
      )}
      {open === 'assign' && <AssignPracticeForm target={target} scenarioId={scenarioId} />}
    </div>
  );
}
