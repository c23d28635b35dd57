import { runCli } from '@salescoach/client/cli';
import type { AuditEntry } from '@salescoach/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedOutput } from './testing/captured-output.js';
import { startTestStack, type TestStack } from './testing/index.js';
import { writeTeamsFile } from './testing/teams-file.js';

// morgan manages alex only here: sam's calls are outside morgan's teams.
let teams: Awaited<ReturnType<typeof writeTeamsFile>>;
let stack: TestStack;
beforeAll(async () => {
  teams = await writeTeamsFile([
    { id: 'west', name: 'West', role: 'Sales', managers: ['dev:morgan'], members: ['dev:alex'] },
  ]);
  stack = await startTestStack({ env: { TEAMS_FILE: teams.file } });
  await stack.toolsReady();
});
afterAll(async () => {
  await stack.close();
  await teams.remove();
});

async function cli(args: string[]) {
  const { out, err, text } = capturedOutput();
  const code = await runCli([...args, '--url', stack.server.wsUrl], out, err);
  return { code, ...text };
}

async function ask(user: string, question: string): Promise<{ sessionId: string }> {
  const result = await cli(['ask', question, '--user', user, '--json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { sessionId: string };
}

const auditOf = async (user: string, ...extra: string[]): Promise<AuditEntry[]> => {
  const result = await cli(['audit', '--user', user, '--json', ...extra]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as AuditEntry[];
};

describe('tool-call audit', () => {
  let alexSession: string;
  let samSession: string;
  let startedAt: string;
  beforeAll(async () => {
    startedAt = new Date().toISOString();
    alexSession = (await ask('alex', 'How is my pipeline this quarter?')).sessionId;
    samSession = (await ask('sam', 'Which of my deals are at risk?')).sessionId;
  });

  it('records each call with who asked, where, the arguments, timings and outcome', async () => {
    const all = await auditOf('admin');
    const alex = all.filter((e) => e.conversation?.id === alexSession);
    expect(alex.length).toBeGreaterThan(0);
    for (const e of alex) {
      expect(e).toMatchObject({
        server: 'crm',
        askedBy: { id: 'dev:alex', name: expect.any(String) },
        role: 'Sales',
        teamIds: ['west'],
        conversation: { kind: 'chat', id: alexSession },
        outcome: 'ok',
      });
      expect(typeof e.arguments).toBe('object');
      expect(Date.parse(e.startedAt)).toBeGreaterThanOrEqual(Date.parse(startedAt));
      expect(Date.parse(e.finishedAt)).toBeGreaterThanOrEqual(Date.parse(e.startedAt));
      expect(e.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(all.some((e) => e.conversation?.id === samSession)).toBe(true);
  });

  it('shows a Manager their team members’ calls and their own, not others’', async () => {
    const own = await ask('morgan', 'How is the team pipeline this quarter?');
    const seen = await auditOf('morgan');
    const askers = new Set(seen.map((e) => e.askedBy.id));
    expect([...askers].sort()).toEqual(['dev:alex', 'dev:morgan']);
    expect(seen.some((e) => e.conversation?.id === own.sessionId)).toBe(true);
    expect(seen.some((e) => e.conversation?.id === samSession)).toBe(false);
    // Asking for sam's calls by name does not widen what morgan may read.
    expect(await auditOf('morgan', '--asker', 'dev:sam')).toEqual([]);
  });

  it('refuses the audit to everyone but Managers and Admins', async () => {
    for (const user of ['alex', 'sam', 'riley']) {
      const result = await cli(['audit', '--user', user, '--json']);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/Manager|Admin/);
    }
    const client = stack.client('alex');
    await expect(client.api.audit.export.query({ format: 'json' })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
  });

  it('filters by time, server, tool and asker, and pages through the list', async () => {
    const all = await auditOf('admin');
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await auditOf('admin', '--since', future)).toEqual([]);
    expect(await auditOf('admin', '--until', startedAt)).toEqual(
      all.filter((e) => e.startedAt < startedAt),
    );
    const tool = all[0]!.tool;
    expect(await auditOf('admin', '--server', 'crm', '--tool', tool)).toEqual(
      all.filter((e) => e.tool === tool),
    );
    expect(await auditOf('admin', '--asker', 'dev:sam')).toEqual(
      all.filter((e) => e.askedBy.id === 'dev:sam'),
    );
    const client = stack.client('admin');
    const first = await client.api.audit.list.query({ limit: 1 });
    expect(first.entries.map((e) => e.id)).toEqual([all[0]!.id]);
    const second = await client.api.audit.list.query({ limit: 1, cursor: first.nextCursor });
    expect(second.entries.map((e) => e.id)).toEqual([all[1]!.id]);
  });

  it('exports CSV with one row per entry, and JSON with the entries', async () => {
    const all = await auditOf('admin');
    const csv = await cli(['audit', '--user', 'admin', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,startedAt,finishedAt,durationMs,askedById,askedByName,/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(all.map((e) => e.id));
    const json = await stack.client('morgan').api.audit.export.query({ format: 'json' });
    expect(json).toMatchObject({ format: 'json', contentType: 'application/json' });
    expect(JSON.parse(json.body)).toEqual(await auditOf('morgan'));
  });

  it('records the CRM reads a practice makes against that practice', async () => {
    const client = stack.client('alex');
    const deal = (await client.api.practice.scenarios.query()).find((s) => s.opportunityId);
    expect(deal).toBeDefined();
    const practice = await client.api.practice.start.mutate({
      opportunityId: deal!.opportunityId!,
    });
    const reads = (await auditOf('admin')).filter((e) => e.conversation?.kind === 'practice');
    expect(reads.map((e) => e.conversation?.id)).toEqual(reads.map(() => practice.id));
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it('never writes tool arguments to the log', async () => {
    const values = new Set<string>();
    const walk = (v: unknown): void => {
      if (typeof v === 'string' && v.length >= 6) values.add(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const e of await auditOf('admin')) walk(e.arguments);
    const logs = stack.logLines.join('\n');
    for (const value of values) expect(logs).not.toContain(value);
  });
});
