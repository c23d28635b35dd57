import type { ScenarioOption } from './practice-types.js';

const KIND_LABEL: Record<ScenarioOption['kind'], string> = {
  discovery: 'Discovery',
  objection: 'Objection',
  negotiation: 'Negotiation',
  closing: 'Closing',
  'cold-call': 'Cold call',
};

function ScenarioGroup({
  legend,
  options,
  chosen,
  onChoose,
  disabled,
  empty,
}: {
  legend: string;
  empty: string;
  options: readonly ScenarioOption[];
  chosen: string;
  onChoose: (id: string) => void;
  disabled: boolean;
}) {
  return (
    <fieldset className="scenario-group" disabled={disabled}>
      <legend>{legend}</legend>
      {options.length === 0 && <p className="muted small">{empty}</p>}
      <ul className="scenario-list">
        {options.map((s) => (
          <li key={s.id}>
            <label className={s.id === chosen ? 'scenario chosen' : 'scenario'}>
              <input
                type="radio"
                name="scenario"
                value={s.id}
                checked={s.id === chosen}
                onChange={() => onChoose(s.id)}
              />
              <span className="scenario-title">{s.title}</span>
              <span className="scenario-tags small">
                <span className="tag">{KIND_LABEL[s.kind]}</span>
                <span className={`tag difficulty-${s.difficulty}`}>{s.difficulty}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** The scenario library and the rep's own deals, one choice across both. */
export function ScenarioPicker({
  options,
  chosen,
  onChoose,
  disabled,
}: {
  options: readonly ScenarioOption[];
  chosen: string;
  onChoose: (id: string) => void;
  disabled: boolean;
}) {
  const deals = options.filter((s) => s.opportunityId !== undefined);
  const library = options.filter((s) => s.opportunityId === undefined);
  const groups = [
    {
      legend: 'From your deals',
      options: deals,
      empty: 'No open deals of yours to practise on (or no CRM for your role).',
    },
    { legend: 'Scenario library', options: library, empty: 'The library is empty.' },
  ];
  return (
    <div className="scenario-picker">
      {groups.map((group) => (
        <ScenarioGroup
          key={group.legend}
          legend={group.legend}
          options={group.options}
          chosen={chosen}
          onChoose={onChoose}
          disabled={disabled}
          empty={group.empty}
        />
      ))}
    </div>
  );
}
