import type { SalesCoachClient } from '@salescoach/client';
import type { Approval, Message } from '@salescoach/domain';
import { textAnswer, toolCallAnswer, type ScriptedOpenAiServer } from '@salescoach/llm/testing';
import { followRoom, followSession } from './event-collector.js';

export interface Proposal {
  /** The coach's answer that proposed the call (it ends saying what waits). */
  readonly answer: Message;
  readonly approval: Approval;
}

type Where = { kind: 'chat' } | { kind: 'group'; groupId: string };

/**
 * The asker asks; the scripted model proposes one tool call and then writes a short answer.
 * Resolves with the finished answer and the request for approval it left (read back by the
 * asker, who may always see their own request).
 */
export async function propose(
  model: ScriptedOpenAiServer,
  asker: SalesCoachClient,
  where: Where,
  call: { name: string; arguments: Record<string, unknown> },
): Promise<Proposal> {
  model.script([toolCallAnswer([call]), textAnswer('I asked for that change.')]);
  const answer = await askAndWait(asker, where, 'Please make the change');
  const approvalId = answer.toolCalls.find((c) => c.status === 'awaiting_approval')?.approvalId;
  if (!approvalId)
    throw new Error(`no call waits for approval: ${JSON.stringify(answer.toolCalls)}`);
  return { answer, approval: await asker.api.approvals.get.query({ id: approvalId }) };
}

/** Sends a question (a room message mentions @coach) and waits for the coach's answer to it. */
export async function askAndWait(
  client: SalesCoachClient,
  where: Where,
  question: string,
): Promise<Message> {
  const clientMessageId = crypto.randomUUID();
  if (where.kind === 'chat') {
    const { id: sessionId } = await client.api.chat.sessions.create.mutate({ title: 'approvals' });
    const seen = await followSession(client, sessionId);
    const sent = await client.api.chat.send.mutate({
      sessionId,
      content: question,
      clientMessageId,
    });
    return finished(seen, sent.seq);
  }
  const seen = await followRoom(client, where.groupId);
  const sent = await client.api.groups.send.mutate({
    groupId: where.groupId,
    content: `@coach ${question}`,
    clientMessageId,
  });
  return finished(seen, sent.seq);
}

async function finished(
  seen: Awaited<ReturnType<typeof followSession>>,
  afterSeq: number,
): Promise<Message> {
  const isEnd = (e: (typeof seen.events)[number]) =>
    (e.event.type === 'answer.completed' || e.event.type === 'answer.failed') &&
    e.event.message.seq > afterSeq;
  await seen.until((all) => all.some(isEnd));
  seen.stop();
  const end = seen.events.find(isEnd)?.event;
  if (end?.type !== 'answer.completed')
    throw new Error(`the answer did not complete: ${end?.type}`);
  return end.message;
}

/** The `sub` of a bearer token as an MCP server received it (who the call ran as). */
export function subjectOf(authorization: string | undefined): string | undefined {
  const token = authorization?.replace(/^Bearer /, '') ?? '';
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      sub?: string;
    };
    return payload.sub;
  } catch {
    return undefined;
  }
}

/** `OK`, or the tRPC error code a call was refused with. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    return (error as { data?: { code?: string } }).data?.code ?? 'no code';
  }
}
