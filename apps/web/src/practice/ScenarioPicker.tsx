import { useState, type ReactNode } from 'react';
import type { ScenarioOption } from './practice-types.js';

const DIFFICULTIES: readonly ScenarioOption['difficulty'][] = ['easy', 'realistic', 'hard'];

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
  filters,
}: {
  legend: string;
  empty: string;
  filters?: ReactNode;
  options: readonly ScenarioOption[];
  chosen: string;
  onChoose: (id: string) => void;
  disabled: boolean;
}) {
  return (
    <fieldset className="scenario-group" disabled={disabled}>
      <legend>{legend}</legend>
      {filters}
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

interface Filter {
  readonly kind: string;
  readonly difficulty: string;
}

/** The library scenarios of the filter's kind and difficulty ('' is any). */
const libraryShown = (options: readonly ScenarioOption[], filter: Filter) =>
  options.filter(
    (s) =>
      s.opportunityId === undefined &&
      (!filter.kind || s.kind === filter.kind) &&
      (!filter.difficulty || s.difficulty === filter.difficulty),
  );

/** The library narrowed to one kind and one difficulty ('' is any). */
function LibraryFilters({
  kind,
  difficulty,
  onChange,
}: Filter & { onChange: (next: Filter) => void }) {
  return (
    <div className="scenario-filters small">
      <label>
        Kind{' '}
        <select value={kind} onChange={(e) => onChange({ kind: e.target.value, difficulty })}>
          <option value="">Any kind</option>
          {Object.entries(KIND_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Difficulty{' '}
        <select value={difficulty} onChange={(e) => onChange({ kind, difficulty: e.target.value })}>
          <option value="">Any difficulty</option>
          {DIFFICULTIES.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
    </div>
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
  const [filter, setFilter] = useState<Filter>({ kind: '', difficulty: '' });
  const deals = options.filter((s) => s.opportunityId !== undefined);
  const library = libraryShown(options, filter);
  const narrow = (next: Filter) => {
    setFilter(next);
    // A library choice the filter hides gives way to the first one it shows.
    const shown = libraryShown(options, next);
    const inLibrary = options.some((s) => s.id === chosen && s.opportunityId === undefined);
    if (inLibrary && !shown.some((s) => s.id === chosen) && shown[0]) onChoose(shown[0].id);
  };
  const groups = [
    {
      legend: 'From your deals',
      options: deals,
      empty: 'No open deals of yours to practise on (or no CRM for your role).',
    },
    {
      legend: 'Scenario library',
      options: library,
      empty: 'No library scenario of this kind and difficulty.',
      filters: <LibraryFilters {...filter} onChange={narrow} />,
    },
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
          filters={'filters' in group ? group.filters : undefined}
        />
      ))}
    </div>
  );
}

/** The picker once the scenarios are in ("Loading scenarios…" until then). */
export function ScenarioChoice({
  loading,
  ...picker
}: Parameters<typeof ScenarioPicker>[0] & { loading: boolean }) {
  if (loading)
    return (
      <p className="muted" role="status">
        Loading scenarios…
      </p>
    );
  return picker.options.length > 0 ? <ScenarioPicker {...picker} /> : null;
}
