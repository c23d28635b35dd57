import { describe, expect, it } from 'vitest';
import { capResult } from './call-result.js';

const rows = Array.from({ length: 50 }, (_, i) => ({
  id: `opp-${i}`,
  name: 'A deal with a fairly long name',
  amount: i * 1000,
}));

describe('capResult', () => {
  it('passes small results through', () => {
    const capped = capResult(
      {
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
        structuredContent: { total: 1 },
      },
      1_000,
    );
    expect(capped).toEqual({ text: 'a\nb', structuredContent: { total: 1 }, truncated: false });
  });

  it('cuts long text and says how much is missing', () => {
    const capped = capResult({ content: [{ type: 'text', text: 'x'.repeat(150) }] }, 100);
    expect(capped.truncated).toBe(true);
    expect(capped.text).toBe(`${'x'.repeat(100)}\n[truncated: 50 more characters]`);
  });

  it('keeps the leading rows of structured content that fit, and the other fields', () => {
    const capped = capResult({ content: [], structuredContent: { total: 50, rows } }, 1_000);
    const kept = capped.structuredContent as { total: number; rows: typeof rows };
    expect(capped.truncated).toBe(true);
    expect(kept.total).toBe(50);
    expect(kept.rows.length).toBeGreaterThan(5);
    expect(kept.rows.length).toBeLessThan(50);
    expect(kept.rows).toEqual(rows.slice(0, kept.rows.length));
    expect(JSON.stringify(kept).length).toBeLessThanOrEqual(1_000);
  });

  it('drops structured content that cannot be shrunk to fit', () => {
    const capped = capResult(
      { content: [], structuredContent: { blob: 'y'.repeat(2_000) } },
      1_000,
    );
    expect(capped.structuredContent).toBeUndefined();
    expect(capped.truncated).toBe(true);
  });
});
