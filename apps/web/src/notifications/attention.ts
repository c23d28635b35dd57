import type { ConversationEvent, Message } from '@salescoach/domain';
import { mentionHandle } from '../conversation/mention-completion.js';

export interface Attention {
  readonly title: string;
  readonly body: string;
  /** One notification per message: a repeat replaces the earlier one. */
  readonly tag: string;
}

const BODY_MAX = 140;

/** Markdown to one plain line (enough for a notification body). */
function plain(text: string): string {
  const line = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/[*_`#>|[\]()!-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > BODY_MAX ? `${line.slice(0, BODY_MAX - 1)}…` : line;
}

/** Whether `content` @mentions someone with this name (by first name, as completion writes it). */
export function mentions(content: string, name: string): boolean {
  const handle = mentionHandle(name);
  if (!handle) return false;
  const escaped = handle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|\\s)@${escaped}(?![\\p{L}\\p{N}_])`, 'iu').test(content);
}

/**
 * What deserves a notification for `me` in a conversation: a coach answer to a question
 * they asked (in a session every question is theirs; in a room, the last person's message
 * before the answer must be theirs), or someone else's room message that @mentions them.
 * `earlier` is the conversation as shown (to find who asked).
 */
export function attentionFor(
  event: ConversationEvent,
  me: { readonly id: string; readonly name: string },
  place: { readonly kind: Message['conversationKind']; readonly title: string },
  earlier: readonly Message[],
): Attention | null {
  if (event.type === 'answer.completed') {
    const answer = event.message;
    if (place.kind === 'group') {
      const asked = earlier.findLast((m) => m.seq < answer.seq && m.author.kind === 'user');
      if (asked?.author.kind !== 'user' || asked.author.userId !== me.id) return null;
    }
    return {
      title:
        place.kind === 'session' ? 'The coach answered' : `The coach answered in ${place.title}`,
      body: plain(answer.content) || 'Your answer is ready.',
      tag: answer.id,
    };
  }
  if (event.type === 'message.created' && place.kind === 'group') {
    const m = event.message;
    if (m.author.kind !== 'user' || m.author.userId === me.id) return null;
    if (!mentions(m.content, me.name)) return null;
    return {
      title: `${m.author.name} mentioned you in ${place.title}`,
      body: plain(m.content),
      tag: m.id,
    };
  }
  return null;
}
