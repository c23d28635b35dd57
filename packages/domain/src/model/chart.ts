import { z } from 'zod';

/** A small declarative chart the SPA renders. Produced from tables, tool output or the model. */
export const chartSpecSchema = z.object({
  kind: z.enum(['bar', 'line', 'pie', 'area', 'stacked-bar']),
  title: z.string().max(200),
  x: z.object({ key: z.string().min(1).max(100), label: z.string().max(100) }),
  series: z
    .array(z.object({ key: z.string().min(1).max(100), label: z.string().max(100) }))
    .min(1)
    .max(12),
  data: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))).max(500),
  unit: z.enum(['currency', 'percent', 'count', 'number']).optional(),
  source: z.enum(['table', 'tool', 'model']),
});
export type ChartSpec = z.infer<typeof chartSpecSchema>;

/** A table parsed from an answer's markdown (GFM) or from a tool's structured output. */
export const tableDataSchema = z.object({
  title: z.string().max(200).optional(),
  columns: z.array(z.string().max(200)).min(1).max(50),
  rows: z.array(z.array(z.string().max(2_000))).max(1_000),
  /** Indexes of columns whose every non-empty cell is a number (currency, %, 1,234 …). */
  numericColumns: z.array(z.number().int().min(0)),
});
export type TableData = z.infer<typeof tableDataSchema>;
