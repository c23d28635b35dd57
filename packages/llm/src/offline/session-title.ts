export const TITLE_MAX = 60;

/** The offline title: the question's first line, cut at a word boundary to at most 60 characters. */
export function titleFrom(question: string): string {
  const firstLine =
    question
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? '';
  const line = firstLine.replace(/\s+/g, ' ');
  if (line.length <= TITLE_MAX) return line === '' ? 'New conversation' : line;
  const cut = line.slice(0, TITLE_MAX + 1);
  const space = cut.lastIndexOf(' ');
  const title = (space > TITLE_MAX / 3 ? cut.slice(0, space) : line.slice(0, TITLE_MAX)).replace(
    /[\s,;:—–-]+$/,
    '',
  );
  return title;
}
