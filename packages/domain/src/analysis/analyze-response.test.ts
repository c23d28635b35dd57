import { describe, expect, it } from 'vitest';
import { attachmentsSchema } from '../model/message.js';
import { analyzeResponse } from './analyze-response.js';

const pipelineTable =
  '| Stage | Deals | Amount |\n|---|---|---|\n| Qualification | 5 | $250,000 |\n| Proposal | 3 | $420,000 |\n| Negotiation | 2 | $180,000 |\n';
const pipelineData = {
  rows: [
    { stage: 'Qualification', count: 5, amount: 250_000 },
    { stage: 'Proposal', count: 3, amount: 420_000 },
    { stage: 'Negotiation', count: 2, amount: 180_000 },
  ],
};

describe('analyzeResponse', () => {
  it('turns an answer with a table into tables and charts that fit the message schema', () => {
    const attachments = analyzeResponse(
      `**Offline model**\n\n${pipelineTable}\nProposal holds most of the value.`,
      [],
    );
    expect(attachments.tables).toHaveLength(1);
    expect(attachments.charts.map((c) => c.kind)).toEqual(['bar', 'bar']);
    expect(attachmentsSchema.safeParse(attachments).success).toBe(true);
  });

  it('does not repeat a chart the tool output and the table both give', () => {
    const attachments = analyzeResponse(pipelineTable, [
      { server: 'crm', tool: 'pipeline_summary', data: pipelineData },
    ]);
    expect(attachments.charts).toHaveLength(2);
    expect(attachments.charts.every((c) => c.source === 'table')).toBe(true);
  });

  it('charts structured tool output when the text has no table', () => {
    const attachments = analyzeResponse('Your pipeline is healthy.', [
      { server: 'crm', tool: 'pipeline_summary', data: pipelineData },
    ]);
    expect(attachments.tables).toEqual([]);
    expect(attachments.charts[0]?.source).toBe('tool');
    expect(attachments.charts[0]?.title).toContain('Pipeline summary');
  });

  it('caps tables and charts at 20 and points at 500', () => {
    const many = Array.from(
      { length: 30 },
      (_, i) => `| Rep${i} | Amount |\n|---|---|\n| A${i} | ${i} |\n| B${i} | ${i + 1} |\n`,
    ).join('\n');
    const long = Array.from({ length: 700 }, (_, i) => ({
      date: `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
      amount: i,
    }));
    const attachments = analyzeResponse(many, [{ server: 's', tool: 't', data: long }]);
    expect(attachments.tables).toHaveLength(20);
    expect(attachments.charts).toHaveLength(20);
    expect(attachmentsSchema.safeParse(attachments).success).toBe(true);
    const series = analyzeResponse('', [{ server: 's', tool: 't', data: long }]);
    expect(series.charts[0]?.data).toHaveLength(500);
  });

  it('drops identical tables', () => {
    expect(analyzeResponse(`${pipelineTable}\n\n${pipelineTable}`, []).tables).toHaveLength(1);
  });

  it('returns empty attachments for plain prose', () => {
    expect(analyzeResponse('Lead with value, then price. A | B is not a table.', [])).toEqual({
      tables: [],
      charts: [],
    });
  });
});
