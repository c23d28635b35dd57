import { describe, expect, it } from 'vitest';
import { alex, recordingHub } from '../coach/testing/engine-fakes.js';
import type { Logger } from '../ports/logger.port.js';
import { StaticTeamDirectory } from '../team/static-team-directory.js';
import type { AuditEntry } from './audit-entry.js';
import type { AuditLog } from '../ports/audit-log.port.js';
import { auditedToolHub } from './audited-tool-hub.js';

function arrayLog(failing = false): AuditLog & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    async append(entry) {
      if (failing) throw new Error('store down');
      entries.push(entry);
    },
    async list() {
      return entries;
    },
  };
}

function recordingLogger(): Logger & { lines: { level: string; fields: unknown; msg: string }[] } {
  const lines: { level: string; fields: unknown; msg: string }[] = [];
  const logger: Logger & { lines: typeof lines } = {
    lines,
    debug: (fields, msg) => lines.push({ level: 'debug', fields, msg }),
    info: (fields, msg) => lines.push({ level: 'info', fields, msg }),
    warn: (fields, msg) => lines.push({ level: 'warn', fields, msg }),
    error: (fields, msg) => lines.push({ level: 'error', fields, msg }),
    child: () => logger,
  };
  return logger;
}

const hub = () =>
  recordingHub([
    {
      name: 'crm',
      description: 'CRM',
      roles: ['Sales'],
      tools: [
        { tool: 'update_stage', description: 'Stage', result: () => ({ text: 'done' }) },
        {
          tool: 'broken',
          description: 'Fails',
          result: () => ({ ok: false, error: 'CRM said no' }),
        },
        {
          tool: 'guarded',
          description: 'Refuses',
          result: () => ({ ok: false, refused: true, error: 'not yours' }),
        },
      ],
    },
  ]);
const teams = new StaticTeamDirectory({
  teams: [
    { id: 'west', name: 'West', role: 'Sales', managers: ['dev:morgan'], members: [alex.id] },
  ],
});
const clock = { now: () => new Date('2026-05-01T09:00:00.000Z') };

describe('audited tool hub', () => {
  it('records who asked, where, the arguments, the approval and decider, and the outcome', async () => {
    const log = arrayLog();
    const audited = auditedToolHub(hub(), { log, clock, logger: recordingLogger(), teams });
    const outcome = await audited.call(
      'crm__update_stage',
      { opportunityId: 'o1', stage: 'Negotiation' },
      {
        user: alex,
        role: 'Sales',
        conversation: { kind: 'group', id: 'team-west' },
        approval: { id: 'ap-1', decidedBy: { id: 'dev:morgan', name: 'Morgan Lee' } },
      },
    );
    expect(outcome.ok).toBe(true);
    expect(log.entries).toEqual([
      {
        id: expect.any(String),
        server: 'crm',
        tool: 'update_stage',
        arguments: { opportunityId: 'o1', stage: 'Negotiation' },
        askedBy: { id: alex.id, name: alex.name },
        role: 'Sales',
        teamIds: ['west'],
        conversation: { kind: 'group', id: 'team-west' },
        approval: { id: 'ap-1', decidedBy: { id: 'dev:morgan', name: 'Morgan Lee' } },
        startedAt: '2026-05-01T09:00:00.000Z',
        finishedAt: '2026-05-01T09:00:00.000Z',
        durationMs: 5,
        outcome: 'ok',
      },
    ]);
  });

  it('records failed and refused calls with their error', async () => {
    const log = arrayLog();
    const audited = auditedToolHub(hub(), { log, clock, logger: recordingLogger() });
    await audited.call('crm__broken', {}, { user: alex, role: 'Sales' });
    await audited.call('crm__guarded', {}, { user: alex, role: 'Sales' });
    expect(log.entries.map((e) => [e.tool, e.outcome, e.error, e.teamIds])).toEqual([
      ['broken', 'failed', 'CRM said no', []],
      ['guarded', 'refused', 'not yours', []],
    ]);
  });

  it('records a call that never reached the hub, e.g. one waiting for approval', async () => {
    const log = arrayLog();
    const audited = auditedToolHub(hub(), { log, clock, logger: recordingLogger(), teams });
    await audited.recordUnrun({
      server: 'crm',
      tool: 'update_stage',
      arguments: { stage: 'Won' },
      context: { user: alex, role: 'Sales', conversation: { kind: 'chat', id: 's1' } },
      outcome: 'awaiting_approval',
      approvalId: 'ap-9',
    });
    expect(log.entries).toMatchObject([
      { outcome: 'awaiting_approval', approval: { id: 'ap-9' }, durationMs: 0 },
    ]);
    expect(log.entries[0]!.approval).toEqual({ id: 'ap-9' });
  });

  it('returns the call’s outcome when the audit cannot be written, and logs that without the arguments', async () => {
    const logger = recordingLogger();
    const audited = auditedToolHub(hub(), { log: arrayLog(true), clock, logger });
    const outcome = await audited.call(
      'crm__update_stage',
      { secret: 'do-not-log-me' },
      { user: alex, role: 'Sales' },
    );
    expect(outcome).toMatchObject({ ok: true, text: 'done' });
    expect(logger.lines).toEqual([
      {
        level: 'error',
        msg: 'audit entry not recorded',
        fields: expect.objectContaining({ tool: 'update_stage', userId: alex.id }),
      },
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain('do-not-log-me');
  });
});
