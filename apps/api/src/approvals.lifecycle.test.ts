import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textAnswer, toolCallAnswer } from '@salescoach/llm/testing';
import { askAndWait, codeOf, propose, subjectOf } from './testing/approval-flow.js';
import { followApprovals } from './testing/index.js';
import { startNotesStack, type NotesStack } from './testing/notes-stack.js';

/** The audit entries of one request, oldest first, as a Manager of the asker's team reads them. */
async function auditOf(parts: NotesStack, approvalId: string) {
  const { entries } = await parts.stack.client('morgan').api.audit.list.query({ server: 'notes' });
  return entries.filter((e) => e.approval?.id === approvalId).reverse();
}

describe('approvals: edits, races and bad proposals', () => {
  let parts: NotesStack;
  beforeAll(async () => {
    parts = await startNotesStack();
  });
  afterAll(async () => {
    await parts.close();
  });

  it('an edit that does not fit the tool is refused and nothing runs; a fitting edit runs exactly as edited', async () => {
    const alex = parts.stack.client('alex');
    const { approval } = await propose(
      parts.model,
      alex,
      { kind: 'chat' },
      {
        name: 'notes__set_note',
        arguments: { record: 'r-7', note: 'first draft' },
      },
    );
    const writes = parts.notes.writes.length;
    for (const bad of [
      { record: '' },
      { record: 'r-7', note: 'x'.repeat(51) },
      { record: 'r-7', note: 'ok', extra: 1 },
    ]) {
      await expect(
        alex.api.approvals.decide.mutate({ id: approval.id, decision: 'approve', arguments: bad }),
      ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    }
    expect(parts.notes.writes.length).toBe(writes);
    expect(await alex.api.approvals.get.query({ id: approval.id })).toMatchObject({
      status: 'pending',
      arguments: { record: 'r-7', note: 'first draft' },
      // The tool's input schema comes along, for the decider's edit form.
      inputSchema: {
        type: 'object',
        properties: { record: expect.any(Object), note: expect.any(Object) },
      },
    });
    const listed = await alex.api.approvals.list.query({ status: 'pending' });
    expect(listed.find((a) => a.id === approval.id)?.inputSchema).toMatchObject({
      properties: { note: expect.objectContaining({ maxLength: 50 }) },
    });

    const edited = { record: 'r-8', note: 'final wording' };
    const decided = await alex.api.approvals.decide.mutate({
      id: approval.id,
      decision: 'approve',
      arguments: edited,
    });
    expect(decided).toMatchObject({ status: 'approved', arguments: edited, result: { ok: true } });
    expect(parts.notes.writes.slice(writes)).toEqual([
      expect.objectContaining({ tool: 'set_note', args: edited }),
    ]);
  });

  it('two decisions at once: exactly one wins, the other gets CONFLICT, and the call runs at most once', async () => {
    const alex = parts.stack.client('alex');
    const again = parts.stack.client('alex');
    const { approval } = await propose(
      parts.model,
      alex,
      { kind: 'chat' },
      {
        name: 'notes__set_note',
        arguments: { record: 'r-race', note: 'race' },
      },
    );
    const writes = parts.notes.writes.length;
    const outcomes = await Promise.all([
      codeOf(alex.api.approvals.decide.mutate({ id: approval.id, decision: 'approve' })),
      codeOf(
        again.api.approvals.decide.mutate({ id: approval.id, decision: 'reject', reason: 'no' }),
      ),
    ]);
    expect([...outcomes].sort()).toEqual(['CONFLICT', 'OK']);
    const final = await alex.api.approvals.get.query({ id: approval.id });
    expect(final.status).toBe(outcomes[0] === 'OK' ? 'approved' : 'rejected');
    expect(parts.notes.writes.length - writes).toBe(final.status === 'approved' ? 1 : 0);
    // Deciding again, either way, changes nothing.
    expect(
      await codeOf(alex.api.approvals.decide.mutate({ id: approval.id, decision: 'approve' })),
    ).toBe('CONFLICT');
    expect(parts.notes.writes.length - writes).toBe(final.status === 'approved' ? 1 : 0);
  });

  it('a rejection with a reason runs nothing and says so in the conversation', async () => {
    const alex = parts.stack.client('alex');
    const { approval, answer } = await propose(
      parts.model,
      alex,
      { kind: 'chat' },
      {
        name: 'notes__set_note',
        arguments: { record: 'r-no', note: 'never' },
      },
    );
    const writes = parts.notes.writes.length;
    const decided = await alex.api.approvals.decide.mutate({
      id: approval.id,
      decision: 'reject',
      reason: 'wrong record',
    });
    expect(decided).toMatchObject({ status: 'rejected', reason: 'wrong record' });
    expect(decided.result).toBeUndefined();
    expect(parts.notes.writes.length).toBe(writes);
    const history = await alex.api.chat.messages.list.query({ sessionId: answer.conversationId });
    expect(history.messages.at(-1)?.content).toMatch(/Rejected by Alex Rivera[\s\S]*wrong record/);
    // The audit shows the request waiting, then its end: refused, by whom and why.
    expect(await auditOf(parts, approval.id)).toEqual([
      expect.objectContaining({ outcome: 'awaiting_approval' }),
      expect.objectContaining({
        outcome: 'refused',
        error: 'Rejected by Alex Rivera: wrong record',
        askedBy: { id: 'dev:alex', name: 'Alex Rivera' },
        arguments: { record: 'r-no', note: 'never' },
        conversation: { kind: 'chat', id: answer.conversationId },
        approval: { id: approval.id, decidedBy: { id: 'dev:alex', name: 'Alex Rivera' } },
      }),
    ]);
  });

  it('arguments that do not fit the tool are not stored for approval: the call fails and nothing waits', async () => {
    const alex = parts.stack.client('alex');
    const before = (await alex.api.approvals.list.query({})).length;
    parts.model.script([
      toolCallAnswer([{ name: 'notes__set_note', arguments: { record: 'r-1', colour: 'red' } }]),
      textAnswer('That did not work.'),
    ]);
    const answer = await askAndWait(alex, { kind: 'chat' }, 'Set the note');
    expect(answer.toolCalls).toEqual([
      expect.objectContaining({
        tool: 'set_note',
        status: 'failed',
        error: expect.stringMatching(/Invalid arguments/),
      }),
    ]);
    expect((await alex.api.approvals.list.query({})).length).toBe(before);
  });
});

describe('approvals: restarts and expiry', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'salescoach-approvals-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a pending request survives an API restart and is approved afterwards, in the same conversation', async () => {
    const first = await startNotesStack({ dataDir });
    const { model, notes } = first;
    let second: NotesStack | undefined;
    try {
      const { approval, answer } = await propose(
        model,
        first.stack.client('alex'),
        { kind: 'chat' },
        {
          name: 'notes__delete_note',
          arguments: { record: 'r-restart' },
        },
      );
      await first.stack.close();

      second = await startNotesStack({ dataDir, parts: { model, notes } });
      const morgan = second.stack.client('morgan');
      expect(
        (await morgan.api.approvals.list.query({ status: 'pending' })).map((a) => a.id),
      ).toContain(approval.id);
      const decided = await morgan.api.approvals.decide.mutate({
        id: approval.id,
        decision: 'approve',
      });
      expect(decided).toMatchObject({ status: 'approved', result: { ok: true } });
      expect(notes.writes).toEqual([
        expect.objectContaining({ tool: 'delete_note', args: { record: 'r-restart' } }),
      ]);
      expect(subjectOf(notes.writes[0]?.authorization)).toBe('dev:alex');
      const history = await second.stack
        .client('alex')
        .api.chat.messages.list.query({ sessionId: answer.conversationId });
      expect(history.messages.map((m) => m.author.kind)).toEqual([
        'user',
        'assistant',
        'assistant',
      ]);
      expect(history.messages.at(-1)?.content).toMatch(/Approved by Morgan Lee/);
    } finally {
      await second?.stack.close();
      await Promise.all([model.close(), notes.close()]);
    }
  });

  it('a request nobody decides expires after APPROVAL_TTL: it can no longer be approved and nothing runs', async () => {
    const parts = await startNotesStack({ env: { APPROVAL_TTL: '2s' } });
    try {
      const alex = parts.stack.client('alex');
      const watching = await followApprovals(alex);
      const { approval, answer } = await propose(
        parts.model,
        alex,
        { kind: 'chat' },
        {
          name: 'notes__set_note',
          arguments: { record: 'r-late', note: 'too late' },
        },
      );
      await watching.until(
        (all) =>
          all.some(
            (e) =>
              e.event.type === 'approval.decided' &&
              e.event.approval.id === approval.id &&
              e.event.approval.status === 'expired',
          ),
        15_000,
      );
      watching.stop();
      expect(
        await codeOf(alex.api.approvals.decide.mutate({ id: approval.id, decision: 'approve' })),
      ).toBe('CONFLICT');
      expect(parts.notes.writes).toEqual([]);
      expect(await alex.api.approvals.get.query({ id: approval.id })).toMatchObject({
        status: 'expired',
      });
      const history = await alex.api.chat.messages.list.query({ sessionId: answer.conversationId });
      expect(history.messages.at(-1)?.content).toMatch(/Expired/);
      const audit = await auditOf(parts, approval.id);
      expect(audit.map((e) => e.outcome)).toEqual(['awaiting_approval', 'refused']);
      expect(audit[1]).toMatchObject({
        error: 'Expired before anyone decided',
        arguments: { record: 'r-late', note: 'too late' },
        approval: { id: approval.id },
      });
      expect(audit[1]?.approval?.decidedBy).toBeUndefined();
    } finally {
      await parts.close();
    }
  });
});
