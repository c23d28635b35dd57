import type { ConversationKind, Message } from '../model/message.js';
import type { LlmMessage } from '../ports/llm.port.js';
import { messageTree } from '../conversation/message-tree.js';
import {
  quoteMessage,
  roomContextNote,
  roomQuestionMessage,
  roomTranscriptMessage,
} from './room-transcript.js';

/** A rough token count (about four characters per token), enough to budget a prompt. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Per-message overhead of the chat format (role, separators). */
const MESSAGE_OVERHEAD_TOKENS = 4;

export interface HistoryWindowOptions {
  readonly kind: ConversationKind;
  /** Tokens the history may use (system prompt and tools not included). */
  readonly tokenBudget: number;
}

/** Failed answers and ones still being written are not context; an interrupted one is, as far as it got. */
function isContext(message: Message): boolean {
  if (message.author.kind !== 'assistant') return true;
  return (
    message.status !== 'failed' && message.status !== 'streaming' && message.content.trim() !== ''
  );
}

function cost(text: string): number {
  return estimateTokens(text) + MESSAGE_OVERHEAD_TOKENS;
}

/**
 * A room: the asker's message is the one request; everything before it is a quoted,
 * attributed transcript marked as context (see room-transcript.ts), trimmed oldest first.
 */
function roomWindow(sorted: readonly Message[], tokenBudget: number): LlmMessage[] {
  const at = sorted.findLastIndex((m) => m.author.kind === 'user');
  if (at < 0) return [];
  const question = sorted[at]!;
  const asked = roomQuestionMessage(question);
  const note = roomContextNote(question.author.name);
  let used = cost(asked.content) + cost(note);
  const blocks: string[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const message = sorted[i]!;
    if (!isContext(message)) continue;
    const block = quoteMessage(message);
    if (used + estimateTokens(block) + 1 > tokenBudget) break;
    blocks.push(block);
    used += estimateTokens(block) + 1;
  }
  const transcript = roomTranscriptMessage(blocks.reverse());
  return transcript ? [{ role: 'system', content: note }, transcript, asked] : [asked];
}

/**
 * The conversation as model messages, oldest first, trimmed to the token budget by
 * dropping the oldest. The newest message (the question) is always kept, whatever its size.
 * In a room the question is the only request and the rest comes as a quoted transcript.
 */
export function historyWindow(
  messages: readonly Message[],
  options: HistoryWindowOptions,
): LlmMessage[] {
  const sorted = [...messages].sort((a, b) => a.seq - b.seq);
  if (options.kind === 'group') return roomWindow(sorted, options.tokenBudget);
  const kept: LlmMessage[] = [];
  let used = 0;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const message = sorted[i]!;
    if (!isContext(message)) continue;
    const converted: LlmMessage = {
      role: message.author.kind === 'assistant' ? 'assistant' : 'user',
      content: message.content,
    };
    const spent = cost(converted.content);
    if (kept.length > 0 && used + spent > options.tokenBudget) break;
    kept.push(converted);
    used += spent;
  }
  return kept.reverse();
}

/**
 * What the coach may read before answering `questionId`: in a 1-on-1 chat, the branch that
 * leads to the question (other versions are not part of it); in a room, every message not
 * deleted, as its author last wrote it.
 */
export function questionContext(
  messages: readonly Message[],
  kind: ConversationKind,
  questionId: string,
): Message[] {
  if (kind === 'group') return messages.filter((m) => !m.deletedAt);
  return messageTree(messages).pathTo(questionId);
}
