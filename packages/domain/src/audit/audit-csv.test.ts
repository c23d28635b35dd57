import { describe, expect, it } from 'vitest';
import { auditCsv, csvField } from './audit-csv.js';
import type { AuditEntry } from './audit-entry.js';

describe('audit CSV', () => {
  it('quotes fields with quotes, commas and line breaks, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(undefined)).toBe('');
    expect(csvField(42)).toBe('42');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
  });

  it('writes a header and one row per entry, the arguments as JSON', () => {
    const entry: AuditEntry = {
      id: 'e1',
      server: 'crm',
      tool: 'log_activity',
      arguments: { summary: '=cmd|"/c calc"!A1, then\nmore' },
      askedBy: { id: 'dev:alex', name: 'Alex, "the rep"' },
      role: 'Sales',
      teamIds: ['west'],
      conversation: { kind: 'chat', id: 's1' },
      startedAt: '2026-05-01T09:00:00.000Z',
      finishedAt: '2026-05-01T09:00:00.100Z',
      durationMs: 100,
      outcome: 'ok',
    };
    const csv = auditCsv([entry]);
    expect(csv).toBe(
      'id,startedAt,finishedAt,durationMs,askedById,askedByName,role,conversationKind,conversationId,server,tool,outcome,error,approvalId,decidedById,decidedByName,arguments\r\n' +
        'e1,2026-05-01T09:00:00.000Z,2026-05-01T09:00:00.100Z,100,dev:alex,"Alex, ""the rep""",Sales,chat,s1,crm,log_activity,ok,,,,,' +
        '"{""summary"":""=cmd|\\""/c calc\\""!A1, then\\nmore""}"\r\n',
    );
  });
});
