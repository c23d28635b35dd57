import type { Group } from '../api/trpc-react.js';

type AiMode = Group['aiMode'];

/** When the coach speaks in a room: on @coach, or after every message. */
export function AiModeChoice({
  value,
  onChange,
  name,
}: {
  value: AiMode;
  onChange: (mode: AiMode) => void;
  name: string;
}) {
  return (
    <fieldset>
      <legend>AI mode</legend>
      <label className="inline">
        <input
          type="radio"
          name={name}
          checked={value === 'mention'}
          onChange={() => onChange('mention')}
        />
        When mentioned (@coach)
      </label>
      <label className="inline">
        <input
          type="radio"
          name={name}
          checked={value === 'always'}
          onChange={() => onChange('always')}
        />
        Every message
      </label>
    </fieldset>
  );
}
