import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { verdict, type BenchRow } from './bench-row.js';
import type { MachineFacts } from './machine.js';

const format = (n: number): string =>
  Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: 3 }) : '—';

const cells = (r: BenchRow): string[] => [
  r.metric,
  `${format(r.value)} ${r.unit}`.trim(),
  `${format(r.baseline)} ${r.unit}`.trim(),
  format(r.ratio),
  r.goal || '—',
  verdict(r),
];

const HEADER = ['metric', 'value', 'baseline', 'ratio', 'goal', 'result'];

/** The table as fixed-width text for the terminal. */
export function textTable(rows: readonly BenchRow[]): string {
  const lines = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  const render = (l: string[]) =>
    l
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    render(lines[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...lines.slice(1).map(render),
  ].join('\n');
}

const escapeCell = (text: string) => text.replaceAll('|', '\\|');

export function machineLine(machine: MachineFacts): string {
  return `${machine.date} · ${machine.cpu} · ${machine.cores} cores · ${machine.memoryGiB} GiB · Node ${machine.node} · ${machine.platform}`;
}

/** The table as Markdown, with each row's note below it as a numbered footnote. */
export function markdownTable(
  rows: readonly BenchRow[],
  machine: MachineFacts,
  durationS: number,
): string {
  const notes: string[] = [];
  const body = rows.map((r) => {
    const c = cells(r);
    if (r.note) {
      if (!notes.includes(r.note)) notes.push(r.note);
      c[0] = `${c[0]} [${notes.indexOf(r.note) + 1}]`;
    }
    return `| ${c.map(escapeCell).join(' | ')} |`;
  });
  return [
    `Measured ${machineLine(machine)} · \`pnpm bench\` took ${Math.round(durationS)} s.`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map((h, i) => (i === 0 || h === 'goal' || h === 'result' ? '---' : '---:')).join(' | ')} |`,
    ...body,
    '',
    ...notes.map((n, i) => `${i + 1}. ${n}`),
  ].join('\n');
}

const DOC_HEADER = `# Benchmarks

\`pnpm bench\` measures speed and memory (never asserted by tests). Every figure sits next to a
baseline measured in the same run on the same machine, and the ratio is value ÷ baseline.
The table between the markers is rewritten by each run; the notes below it are kept.
`;

const DOC_NOTES = `
## Notes

(Hand-written: why a goal is missed and what would fix it.)
`;

/** Replaces the section between `<!-- NAME:start -->` and `<!-- NAME:end -->` in docs (creating the file or section). */
export async function writeSection(file: string, name: string, content: string): Promise<void> {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${content.trim()}\n${end}`;
  const current = existsSync(file) ? await readFile(file, 'utf8') : `${DOC_HEADER}\n${DOC_NOTES}`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  let next: string;
  if (from >= 0 && to > from) {
    next = current.slice(0, from) + block + current.slice(to + end.length);
  } else {
    const notesAt = current.indexOf('\n## Notes');
    next =
      notesAt >= 0
        ? `${current.slice(0, notesAt)}\n${block}\n${current.slice(notesAt)}`
        : `${current.trimEnd()}\n\n${block}\n`;
  }
  await writeFile(file, next.endsWith('\n') ? next : `${next}\n`);
}
