import { streamName } from '../model/message.js';
import type { Logger } from '../ports/logger.port.js';
import type { MessageRepository } from '../ports/message-repository.port.js';
import type { ConversationPublisher } from './conversation-publisher.js';

/**
 * Answers left `streaming` by a process that died (SIGKILL, crash) are marked `interrupted`
 * at start-up, keeping whatever text was saved. With several instances (BUS=redis) only
 * answers untouched for `staleAfterMs` are taken, so a live answer on another instance is
 * left alone.
 */
export async function recoverInterruptedAnswers(options: {
  messages: MessageRepository;
  publisher: ConversationPublisher;
  logger: Logger;
  now: Date;
  staleAfterMs: number;
}): Promise<number> {
  const { messages, publisher, logger, now, staleAfterMs } = options;
  let recovered = 0;
  for (const { ref, message } of await messages.listStreaming()) {
    if (now.getTime() - Date.parse(message.updatedAt) < staleAfterMs) continue;
    const updated = await messages.update(ref, message.id, {
      status: 'interrupted',
      error: 'The answer was cut off when the server stopped',
      updatedAt: now.toISOString(),
    });
    if (!updated) continue;
    recovered++;
    void publisher.publish(streamName(ref), { type: 'answer.completed', message: updated });
  }
  if (recovered > 0)
    logger.warn({ recovered }, 'answers cut off by an earlier stop marked interrupted');
  return recovered;
}
