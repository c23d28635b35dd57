import { newId } from '../model/ids.js';
import type { EventLog } from '../ports/event-log.port.js';

/** The stream every instance listens on for stops; live-only, never kept for replay. */
export const ANSWER_CONTROL_STREAM = 'control:answers';

export interface StopRequest {
  readonly conversationId: string;
  /** Who asked to stop (already authorized on the instance they reached). */
  readonly userId: string;
  /** True when they may stop everything (a session's owner, a room's owner). */
  readonly everything: boolean;
  /** The running answer's question, when they may stop it; only that answer is stopped. */
  readonly messageId?: string;
}

/**
 * Carries a stop to the instance that runs the answer: `chat.stop` or `groups.stop` may reach
 * any instance behind the load balancer, and only one of them holds the answer.
 */
export class AnswerStopBus {
  /** This instance's id: its own requests are not applied twice. */
  readonly instance = newId();

  constructor(private readonly log: EventLog) {}

  /** Calls `handler` for every stop another instance sends; returns what stops listening. */
  listen(handler: (request: StopRequest) => void): () => void {
    return this.log.subscribe(ANSWER_CONTROL_STREAM, ({ event }) => {
      if (event.type !== 'answer.stop' || event.origin === this.instance) return;
      handler({
        conversationId: event.conversationId,
        userId: event.userId,
        everything: event.everything,
        messageId: event.messageId,
      });
    });
  }

  send(request: StopRequest): Promise<void> {
    return this.log.publishEphemeral(ANSWER_CONTROL_STREAM, {
      type: 'answer.stop',
      origin: this.instance,
      ...request,
    });
  }
}
