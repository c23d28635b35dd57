import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followApprovals } from './testing/index.js';
import { propose, subjectOf } from './testing/approval-flow.js';
import { startNotesStack, type NotesStack } from './testing/notes-stack.js';

/** The approval flow end to end: real WebSockets, the real SQLite store, a real MCP server. */
let parts: NotesStack;
beforeAll(async () => {
  parts = await startNotesStack();
});
afterAll(async () => {
  await parts.close();
});

describe('approvals: a write waits, the right person decides, it runs as the asker', () => {
  it("a Manager-level write in alex's chat waits; morgan approves; it runs once with alex's identity and the outcome is posted", async () => {
    const { stack, model, notes } = parts;
    const alex = stack.client('alex');
    const morgan = stack.client('morgan');
    const watching = await followApprovals(morgan);
    const { answer, approval } = await propose(
      model,
      alex,
      { kind: 'chat' },
      {
        name: 'notes__delete_note',
        arguments: { record: 'r-1' },
      },
    );
    expect(answer.toolCalls).toEqual([
      expect.objectContaining({
        server: 'notes',
        tool: 'delete_note',
        status: 'awaiting_approval',
        approvalId: approval.id,
      }),
    ]);
    expect(answer.content).toMatch(
      /Waiting for approval[\s\S]*delete_note[\s\S]*a Manager of your team/,
    );
    expect(approval).toMatchObject({
      server: 'notes',
      tool: 'delete_note',
      arguments: { record: 'r-1' },
      askedBy: { id: 'dev:alex' },
      conversation: { kind: 'chat', id: answer.conversationId },
      status: 'pending',
      policy: { role: 'Manager' },
    });
    expect(notes.writes).toEqual([]);
    await watching.until((all) =>
      all.some(
        (e) => e.event.type === 'tool.awaiting_approval' && e.event.approval.id === approval.id,
      ),
    );

    const decided = await morgan.api.approvals.decide.mutate({
      id: approval.id,
      decision: 'approve',
    });
    expect(decided).toMatchObject({
      status: 'approved',
      decidedBy: { id: 'dev:morgan' },
      result: { ok: true },
    });
    expect(notes.writes).toHaveLength(1);
    expect(notes.writes[0]).toMatchObject({ tool: 'delete_note', args: { record: 'r-1' } });
    expect(subjectOf(notes.writes[0]?.authorization)).toBe('dev:alex');

    const history = await alex.api.chat.messages.list.query({ sessionId: answer.conversationId });
    const posted = history.messages.at(-1);
    expect(posted).toMatchObject({ author: { kind: 'assistant' }, status: 'complete' });
    expect(posted?.content).toMatch(/Approved by Morgan/);
    await watching.until((all) =>
      all.some((e) => e.event.type === 'approval.decided' && e.event.approval.id === approval.id),
    );
    watching.stop();

    // The audit shows the request (waiting) and the call that ran after it, with its decider.
    const audit = await morgan.api.audit.list.query({ server: 'notes', tool: 'delete_note' });
    const entries = audit.entries.filter((e) => e.approval?.id === approval.id);
    expect(entries.map((e) => e.outcome).sort()).toEqual(['awaiting_approval', 'ok']);
    expect(entries.find((e) => e.outcome === 'ok')).toMatchObject({
      askedBy: { id: 'dev:alex' },
      arguments: { record: 'r-1' },
      conversation: { kind: 'chat', id: answer.conversationId },
      approval: { id: approval.id, decidedBy: { id: 'dev:morgan' } },
    });
  });
});
