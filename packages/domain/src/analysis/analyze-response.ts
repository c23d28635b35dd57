import type { ChartSpec, TableData } from '../model/chart.js';
import type { Attachments } from '../model/message.js';
import {
  humanize,
  chartsFromModelBlocks,
  chartsFromStructured,
  chartsFromTable,
} from './chart-detection.js';
import { extractTables } from './markdown-tables.js';

export interface ToolOutput {
  readonly server: string;
  readonly tool: string;
  /** The tool's structuredContent. */
  readonly data: unknown;
}

export const ATTACHMENT_LIMITS = { tables: 20, charts: 20 } as const;

/** Two charts of the same kind over the same categories, in the same unit, show the same thing. */
function chartSignature(chart: ChartSpec): string {
  const categories = chart.data.map((p) =>
    String(p[chart.x.key] ?? '')
      .trim()
      .toLowerCase(),
  );
  return JSON.stringify([chart.kind, chart.unit ?? '', categories]);
}

function tableSignature(table: TableData): string {
  return JSON.stringify([table.columns, table.rows]);
}

function dedupe<T>(items: readonly T[], signature: (item: T) => string, cap: number): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const sig = signature(item);
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push(item);
    if (out.length === cap) break;
  }
  return out;
}

/**
 * Turns a finished answer into attachments: the GFM tables of its markdown, and charts
 * from (in this order of preference) the model's own ```chart blocks, those tables, and
 * the tools' structured outputs. Duplicates are dropped; at most 20 tables and 20 charts.
 */
export function analyzeResponse(markdown: string, toolOutputs: readonly ToolOutput[]): Attachments {
  const tables = dedupe(extractTables(markdown), tableSignature, ATTACHMENT_LIMITS.tables);
  const charts = [
    ...chartsFromModelBlocks(markdown),
    ...tables.flatMap((t) => chartsFromTable(t)),
    ...toolOutputs.flatMap((o) => chartsFromStructured(o.data, humanize(o.tool))),
  ];
  return { tables, charts: dedupe(charts, chartSignature, ATTACHMENT_LIMITS.charts) };
}
