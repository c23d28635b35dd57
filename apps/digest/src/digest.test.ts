import {
  capturedOutput,
  startTestStack,
  waitFor,
  writeTeamsFile,
  WEST_TEAM,
  PEOPLE_TEAM,
  type TestStack,
} from '@salescoach/api-server/testing';
import { createSalesCoachClient, devServiceTokenSource } from '@salescoach/client';
import { loadSettings } from '@salescoach/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigestCli } from './cli.js';
import { nextRun } from './schedule.js';

/**
 * The team digest end to end: the job signs in as its own service identity (the dev service
 * token), reads the team's week and posts it into the team's room as the coach through the
 * typed client; a team it is not configured for, a person and another service are refused.
 */
let stack: TestStack;
let teams: Awaited<ReturnType<typeof writeTeamsFile>>;
beforeAll(async () => {
  teams = await writeTeamsFile([WEST_TEAM, PEOPLE_TEAM]);
  stack = await startTestStack({
    env: { TEAMS_FILE: teams.file, DIGEST_TEAMS: 'west', INSIGHTS_MIN_ASKERS: '1' },
  });
});
afterAll(async () => {
  await stack.close();
  await teams.remove();
});

async function cli(args: string[]) {
  const { out, err, text } = capturedOutput();
  const settings = loadSettings({ DIGEST_TEAMS: 'west' });
  const code = await runDigestCli([...args, '--url', stack.server.wsUrl], settings, out, err);
  return { code, ...text };
}

describe('pnpm digest', () => {
  it('posts the West digest into the West team room as the coach', async () => {
    // Something to report: an assignment for the team and a question asked this week.
    const morgan = stack.client('morgan').api;
    await morgan.coaching.assignments.create.mutate({
      teamId: 'west',
      scenarioId: 'objection-realistic',
      assignees: { kind: 'team' },
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const alex = stack.client('alex').api;
    const session = await alex.chat.sessions.create.mutate({});
    await alex.chat.send.mutate({
      sessionId: session.id,
      content: 'How do I handle a procurement team that wants a discount?',
      clientMessageId: 'digest-q1',
    });
    await waitFor(async () =>
      (await morgan.insights.commonQuestions.query({})).totalQuestions > 0 ? true : undefined,
    );

    const { code, stdout, stderr } = await cli(['--team', 'West', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const posted = JSON.parse(stdout) as { team: string; groupId: string; content: string };
    expect(posted.team).toBe('West');
    expect(posted.groupId).toBe('team-west');
    expect(posted.content).toContain('**Weekly digest: West team**');
    expect(posted.content).toContain('0 of 2 assignments done');
    // The team's pipeline: totals the CRM gave the API's service credential for Morgan's team.
    expect(posted.content).toMatch(
      /\*\*Pipeline \d{4}-Q[1-4]\*\*: \d+ deals, \$[\d,]+ open \(\$[\d,]+ weighted\), \$[\d,]+ won\./,
    );
    expect(posted.content).toContain('| Stage | Deals | Amount |');
    // The CRM call is in the audit trail, as the digest's service identity.
    const audit = await stack.client('admin').api.audit.list.query({ tool: 'pipeline_summary' });
    expect(audit.entries).toContainEqual(
      expect.objectContaining({
        askedBy: expect.objectContaining({ id: 'dev:svc-digest' }),
        arguments: { quarter: 'this quarter', groupBy: 'stage', owner: 'morgan@salescoach.dev' },
        outcome: 'ok',
      }),
    );
    expect(posted.content).toContain('How do I handle a procurement team that wants a discount?');

    const room = await alex.groups.messages.list.query({ groupId: 'team-west' });
    const last = room.messages.at(-1);
    expect(last?.author).toEqual({ kind: 'assistant', name: 'Coach' });
    expect(last?.content).toBe(posted.content);
  });

  it('refuses a team it is not configured for, people, and any other service', async () => {
    const refused = await cli(['--team', 'People']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('This service may not post to that team’s room');

    const digest = createSalesCoachClient({
      url: stack.server.wsUrl,
      token: devServiceTokenSource(stack.server.wsUrl, 'digest'),
    });
    try {
      await expect(
        digest.api.coaching.digest.post.mutate({ team: 'people', content: 'hello' }),
      ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    } finally {
      await digest.close();
    }
    for (const user of ['morgan', 'admin', 'alex'])
      await expect(
        stack.client(user).api.coaching.digest.post.mutate({ team: 'west', content: 'hello' }),
      ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(
      stack.client('admin').api.auth.devServiceLogin.mutate({ service: 'billing' }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });

  it('gives the service identity only the procedures made for services', async () => {
    const digest = createSalesCoachClient({
      url: stack.server.wsUrl,
      token: devServiceTokenSource(stack.server.wsUrl, 'digest'),
    });
    try {
      await expect(digest.api.me.get.query()).resolves.toMatchObject({ roles: ['Service'] });
      await expect(
        digest.api.coaching.digest.summary.query({ team: 'West' }),
      ).resolves.toMatchObject({
        team: { id: 'west' },
      });
      const refused = {
        data: { code: 'FORBIDDEN' },
        message: 'A service identity may call only the procedures made for services',
      };
      await expect(digest.api.chat.sessions.create.mutate({})).rejects.toMatchObject(refused);
      await expect(digest.api.chat.sessions.list.query({})).rejects.toMatchObject(refused);
      await expect(digest.api.groups.list.query()).rejects.toMatchObject(refused);
      await expect(digest.api.insights.commonQuestions.query({})).rejects.toMatchObject(refused);
      await expect(
        digest.api.groups.messages.list.query({ groupId: 'team-west' }),
      ).rejects.toMatchObject(refused);
    } finally {
      await digest.close();
    }
  });

  it('schedules the next run at the configured weekday and UTC time', () => {
    // Wednesday 2 December 2026, 10:00 UTC.
    const now = new Date('2026-12-02T10:00:00.000Z');
    expect(nextRun('mon 08:00', now).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(nextRun('wed 11:30', now).toISOString()).toBe('2026-12-02T11:30:00.000Z');
    expect(nextRun('wed 10:00', now).toISOString()).toBe('2026-12-09T10:00:00.000Z');
  });
});
