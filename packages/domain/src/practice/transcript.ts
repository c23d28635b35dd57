import type { Message } from '../model/message.js';

export type Speaker = 'rep' | 'buyer';

export interface Turn {
  readonly speaker: Speaker;
  readonly content: string;
}

/**
 * A practice conversation as turns: the rep's messages and the buyer's replies, in order.
 * Failed or empty buyer replies are left out (they were never said).
 */
export function transcriptOf(messages: readonly Message[]): Turn[] {
  const turns: Turn[] = [];
  for (const message of messages) {
    if (message.author.kind === 'user') turns.push({ speaker: 'rep', content: message.content });
    else if (message.status !== 'failed' && message.content.trim() !== '')
      turns.push({ speaker: 'buyer', content: message.content });
  }
  return turns;
}

export const repTurns = (turns: readonly Turn[]): string[] =>
  turns.filter((t) => t.speaker === 'rep').map((t) => t.content);
