import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { TableData } from '../model/chart.js';
import { isBlankCell, parseNumber } from './numbers.js';

/** A node of the mdast tree, read structurally (the package's own types are not a dependency here). */
interface MdNode {
  readonly type: string;
  readonly value?: string;
  readonly alt?: string | null;
  readonly depth?: number;
  readonly lang?: string | null;
  readonly children?: readonly MdNode[];
}

export const TABLE_LIMITS = {
  columns: 50,
  rows: 1_000,
  cellChars: 2_000,
  titleChars: 200,
} as const;

/** Parses markdown (GFM tables on) into an mdast tree. */
export function parseMarkdown(markdown: string): MdNode {
  const tree: MdNode = fromMarkdown(markdown, {
    extensions: [gfmTable()],
    mdastExtensions: [gfmTableFromMarkdown()],
  });
  return tree;
}

/** Flattens inline formatting (strong, emphasis, links, code, images) to its text. */
export function nodeText(node: MdNode): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value ?? '';
    case 'html':
      // `<br>` inside a cell is a line break; any other inline HTML is dropped.
      return /^<br\s*\/?>$/i.test(node.value ?? '') ? ' ' : '';
    case 'break':
      return ' ';
    case 'image':
      return node.alt ?? '';
    default:
      return (node.children ?? []).map(nodeText).join('');
  }
}

function cellText(node: MdNode | undefined): string {
  if (!node) return '';
  return nodeText(node).replace(/\s+/g, ' ').trim().slice(0, TABLE_LIMITS.cellChars);
}

/** A short heading, or a paragraph that is all bold, right before a table names it. */
function titleBefore(siblings: readonly MdNode[], index: number): string | undefined {
  const previous = siblings[index - 1];
  if (!previous) return undefined;
  const onlyChild = previous.children?.length === 1 ? previous.children[0] : undefined;
  const isTitle =
    previous.type === 'heading' ||
    (previous.type === 'paragraph' &&
      (onlyChild?.type === 'strong' || onlyChild?.type === 'emphasis'));
  if (!isTitle) return undefined;
  const text = nodeText(previous).replace(/\s+/g, ' ').trim().replace(/:$/, '');
  return text.length > 0 && text.length <= TABLE_LIMITS.titleChars ? text : undefined;
}

function toTable(node: MdNode, title: string | undefined): TableData | undefined {
  const [header, ...body] = node.children ?? [];
  if (!header) return undefined;
  const width = Math.min(header.children?.length ?? 0, TABLE_LIMITS.columns);
  if (width === 0) return undefined;
  const columns = Array.from(
    { length: width },
    (_, i) => cellText(header.children?.[i]) || `Column ${i + 1}`,
  );
  // Ragged rows: missing cells become empty, extra cells are dropped.
  const rows = body
    .slice(0, TABLE_LIMITS.rows)
    .map((row) => Array.from({ length: width }, (_, i) => cellText(row.children?.[i])));
  const table: TableData = { columns, rows, numericColumns: numericColumns(rows, width) };
  return title ? { title, ...table } : table;
}

/** Columns where every non-blank cell is a number, and at least one cell is. */
export function numericColumns(rows: readonly (readonly string[])[], width: number): number[] {
  const result: number[] = [];
  for (let i = 0; i < width; i++) {
    const cells = rows.map((r) => r[i] ?? '').filter((c) => !isBlankCell(c));
    if (cells.length > 0 && cells.every((c) => parseNumber(c) !== undefined)) result.push(i);
  }
  return result;
}

function collectTables(node: MdNode, out: TableData[]): void {
  const children = node.children ?? [];
  children.forEach((child, index) => {
    if (child.type === 'table') {
      const table = toTable(child, titleBefore(children, index));
      if (table) out.push(table);
    } else if (child.children) {
      collectTables(child, out);
    }
  });
}

/**
 * Every GFM table in the markdown, in document order: columns, rows (padded or cut to the
 * header's width), cell text with inline formatting flattened, and the numeric columns.
 * Pipes in prose, or in code blocks, are not tables.
 */
/**
 * A GFM table's delimiter row has a pipe next to a run of hyphens (`|---`, `--- |`, `|:-:`):
 * text without one holds no table, and is not parsed (most answers have none).
 */
const MAY_HOLD_TABLE = /\|[ \t]*:?-|-:?[ \t]*\|/;

export function extractTables(markdown: string): TableData[] {
  if (!MAY_HOLD_TABLE.test(markdown)) return [];
  const out: TableData[] = [];
  collectTables(parseMarkdown(markdown), out);
  return out;
}

/** The fenced code blocks of a language, e.g. `chart`. */
export function codeBlocks(markdown: string, lang: string): string[] {
  // No fence (``` or ~~~) followed by the language: nothing to parse for.
  const fence = new RegExp(
    `(\`{3,}|~{3,})[ \\t]*${lang.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
    'i',
  );
  if (!fence.test(markdown)) return [];
  const out: string[] = [];
  const visit = (node: MdNode): void => {
    if (node.type === 'code' && node.lang?.toLowerCase() === lang) out.push(node.value ?? '');
    node.children?.forEach(visit);
  };
  visit(parseMarkdown(markdown));
  return out;
}
