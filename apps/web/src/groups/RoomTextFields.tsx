/** A room's name and description, as the create and settings forms ask for them. */
export function RoomTextFields({
  name,
  description,
  onName,
  onDescription,
}: {
  name: string;
  description: string;
  onName: (value: string) => void;
  onDescription: (value: string) => void;
}) {
  return (
    <>
      <label>
        Room name
        <input
          value={name}
          onChange={(e) => onName(e.target.value)}
          maxLength={100}
          required
          autoFocus
        />
      </label>
      <label>
        Description <span className="muted small">(optional)</span>
        <textarea
          value={description}
          rows={2}
          onChange={(e) => onDescription(e.target.value)}
          maxLength={1000}
        />
      </label>
    </>
  );
}
