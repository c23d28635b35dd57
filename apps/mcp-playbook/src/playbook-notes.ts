import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface PlaybookNote {
  /** The file name without `.md`, e.g. `meddicc`. */
  readonly id: string;
  readonly title: string;
  /** The markdown text. */
  readonly content: string;
}

/** The project's own sales-method notes, shipped beside the server. */
export const DEFAULT_NOTES_DIR = fileURLToPath(new URL('../notes/', import.meta.url));

export async function loadPlaybookNotes(dir: string = DEFAULT_NOTES_DIR): Promise<PlaybookNote[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  return Promise.all(
    files.map(async (file) => {
      const content = await readFile(`${dir.replace(/\/?$/, '/')}${file}`, 'utf8');
      const id = file.slice(0, -'.md'.length);
      const title = /^#\s+(.+)$/m.exec(content)?.[1]?.trim() ?? id;
      return { id, title, content };
    }),
  );
}
