/** Initials from a display name: "Alex Rivera" → "AR", "morgan" → "MO". */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s._-]+/)
    .filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return words[0]!.slice(0, 2).toUpperCase();
  return (words[0]![0]! + words.at(-1)![0]!).toUpperCase();
}

/** A stable hue per name, so people are easy to tell apart in a room. */
function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

export function Avatar({ name, coach = false }: { name: string; coach?: boolean }) {
  return (
    <span
      className={coach ? 'avatar coach' : 'avatar'}
      aria-hidden="true"
      style={coach ? undefined : { background: `hsl(${hue(name)} 55% 30%)` }}
    >
      {coach ? 'AI' : initials(name)}
    </span>
  );
}
