import { withoutCoachMention } from '../group/coach-mention.js';
import type { ConversationKind, Message } from '../model/message.js';
import type { LlmMessage } from '../ports/llm.port.js';
import { messageTree } from '../conversation/message-tree.js';

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

function toLlmMessage(message: Message, kind: ConversationKind): LlmMessage | undefined {
  if (message.author.kind === 'assistant') {
    // Failed answers and ones still being written are not context; an interrupted one is, as far as it got.
    if (
      message.status === 'failed' ||
      message.status === 'streaming' ||
      message.content.trim() === ''
    )
      return undefined;
    return { role: 'assistant', content: message.content };
  }
  // In a room several people talk: the coach needs to know who said what. "@coach" only
  // called the coach in; it is not part of what was asked.
  const content =
    kind === 'group'
      ? `${message.author.name}: ${withoutCoachMention(message.content)}`
      : message.content;
  return { role: 'user', content };
}

/**
 * The conversation as model messages, oldest first, trimmed to the token budget by
 * dropping the oldest. The newest message (the question) is always kept, whatever its size.
 */
export function historyWindow(
  messages: readonly Message[],
  options: HistoryWindowOptions,
): LlmMessage[] {
  const sorted = [...messages].sort((a, b) => a.seq - b.seq);
  const kept: LlmMessage[] = [];
  let used = 0;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const converted = toLlmMessage(sorted[i]!, options.kind);
    if (!converted) continue;
    const cost = estimateTokens(converted.content) + MESSAGE_OVERHEAD_TOKENS;
    if (kept.length > 0 && used + cost > options.tokenBudget) break;
    kept.push(converted);
    used += cost;
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
