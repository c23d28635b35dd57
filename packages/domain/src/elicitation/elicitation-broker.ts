import {
  DomainError,
  DomainErrorCode,
  forbidden,
  invalid,
  isDomainError,
  notFound,
} from '../errors/domain-error.js';
import type { ConversationEvent } from '../model/events.js';
import { newId } from '../model/ids.js';
import type { User } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventLog } from '../ports/event-log.port.js';
import type { Logger } from '../ports/logger.port.js';
import type {
  ElicitationAnswer,
  ElicitationRequest,
  ElicitationSchema,
} from '../ports/tool-hub.port.js';
import { checkElicitationContent, parseElicitationSchema } from './elicitation-schema.js';

/** The stream every instance listens on for answers to requests for input; live-only. */
export const ELICITATION_CONTROL_STREAM = 'control:elicitations';
/** How long an instance waits for the instance holding a request to take an answer. */
const FORWARD_REPLY_MS = 5_000;
const MESSAGE_MAX = 2_000;

export interface ElicitationBrokerDeps {
  readonly log: EventLog;
  readonly clock: Clock;
  readonly logger: Logger;
  /** ELICITATION_TIMEOUT: unanswered requests are cancelled after this. */
  readonly timeoutMs: number;
  /** Other instances may hold requests (BUS=redis): answers not found here are forwarded. */
  readonly forward: boolean;
}

/** The answer being written, whose asker a server asks for input. */
export interface ElicitorInput {
  readonly asker: User;
  readonly messageId: string;
  /** Publishes on the asker's conversation stream, in order with the answer's events. */
  readonly emit: (event: ConversationEvent) => void;
  /** The answer's signal: a stopped answer cancels its requests. */
  readonly signal: AbortSignal;
}

export interface ElicitationResponse {
  readonly id: string;
  readonly action: 'accept' | 'decline' | 'cancel';
  readonly content?: unknown;
}

interface Pending {
  readonly askerId: string;
  readonly schema: ElicitationSchema;
  finish(answer: ElicitationAnswer): void;
}

/**
 * Requests for input from MCP servers during a call: the asker sees a form on their
 * conversation stream (`tool.elicitation`) and answers with `elicitations.respond`. The
 * call waits on the instance that runs it; an answer reaching another instance travels over
 * the event bus to it. Unanswered requests are cancelled after the timeout.
 */
export class ElicitationBroker {
  /** This instance's id: its own control messages are not applied twice. */
  readonly instance = newId();
  private readonly pending = new Map<string, Pending>();
  private readonly replies = new Map<
    string,
    (reply: Extract<ConversationEvent, { type: 'elicitation.replied' }>) => void
  >();
  private readonly stopListening: () => void;

  constructor(private readonly deps: ElicitationBrokerDeps) {
    this.stopListening = deps.log.subscribe(ELICITATION_CONTROL_STREAM, ({ event }) =>
      this.onControl(event),
    );
  }

  /** The `elicit` of one answer's tool calls. */
  elicitorFor(input: ElicitorInput): (request: ElicitationRequest) => Promise<ElicitationAnswer> {
    return (request) => this.ask(input, request);
  }

  private ask(input: ElicitorInput, request: ElicitationRequest): Promise<ElicitationAnswer> {
    const schema = parseElicitationSchema(request.requestedSchema);
    if (!schema) {
      this.deps.logger.info(
        { mcpServer: request.server },
        'elicitation declined: form not supported',
      );
      return Promise.resolve({ action: 'decline' });
    }
    if (input.signal.aborted) return Promise.resolve({ action: 'cancel' });
    const id = newId();
    const expiresAt = new Date(this.deps.clock.now().getTime() + this.deps.timeoutMs);
    return new Promise<ElicitationAnswer>((resolve) => {
      const finish = (answer: ElicitationAnswer) => {
        if (!this.pending.delete(id)) return;
        clearTimeout(timer);
        input.signal.removeEventListener('abort', onAbort);
        input.emit({
          type: 'tool.elicitation_closed',
          messageId: input.messageId,
          elicitationId: id,
          action: answer.action,
        });
        this.deps.logger.info({ elicitationId: id, action: answer.action }, 'elicitation closed');
        resolve(answer);
      };
      const timer = setTimeout(() => finish({ action: 'cancel' }), this.deps.timeoutMs);
      timer.unref?.();
      const onAbort = () => finish({ action: 'cancel' });
      input.signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, { askerId: input.asker.id, schema, finish });
      input.emit({
        type: 'tool.elicitation',
        messageId: input.messageId,
        elicitation: {
          id,
          server: request.server,
          message: request.message.slice(0, MESSAGE_MAX),
          requestedSchema: schema,
          expiresAt: expiresAt.toISOString(),
          askedBy: { id: input.asker.id, name: input.asker.name },
        },
      });
    });
  }

  /** Only the asker may answer; an accepted answer must fit the form (INVALID otherwise, still open). */
  async respond(user: User, response: ElicitationResponse): Promise<void> {
    const local = this.pending.get(response.id);
    if (local) return this.apply(local, user.id, response);
    if (!this.deps.forward) throw notFound('Request for input');
    const requestId = newId();
    const reply = new Promise<
      Extract<ConversationEvent, { type: 'elicitation.replied' }> | undefined
    >((resolve) => {
      const timer = setTimeout(() => {
        this.replies.delete(requestId);
        resolve(undefined);
      }, FORWARD_REPLY_MS);
      this.replies.set(requestId, (event) => {
        clearTimeout(timer);
        this.replies.delete(requestId);
        resolve(event);
      });
    });
    await this.deps.log.publishEphemeral(ELICITATION_CONTROL_STREAM, {
      type: 'elicitation.respond',
      origin: this.instance,
      requestId,
      elicitationId: response.id,
      userId: user.id,
      action: response.action,
      ...(response.content === undefined ? {} : { content: response.content }),
    });
    const answered = await reply;
    if (!answered) throw notFound('Request for input');
    if (answered.error)
      throw new DomainError(answered.error.code as DomainErrorCode, answered.error.message);
  }

  private apply(pending: Pending, userId: string, response: Omit<ElicitationResponse, 'id'>): void {
    if (pending.askerId !== userId)
      throw forbidden('Only the person who asked can answer this request');
    if (response.action !== 'accept') return pending.finish({ action: response.action });
    const checked = checkElicitationContent(pending.schema, response.content ?? {});
    if ('problems' in checked)
      throw invalid(`The answer does not fit the form: ${checked.problems.join('; ')}`);
    pending.finish({ action: 'accept', content: checked.content });
  }

  private onControl(event: ConversationEvent): void {
    if (event.type === 'elicitation.replied' && event.to === this.instance) {
      this.replies.get(event.requestId)?.(event);
      return;
    }
    if (event.type !== 'elicitation.respond' || event.origin === this.instance) return;
    const pending = this.pending.get(event.elicitationId);
    if (!pending) return; // held by another instance, or already closed
    let error: { code: string; message: string } | undefined;
    try {
      this.apply(pending, event.userId, event);
    } catch (caught) {
      error = isDomainError(caught)
        ? { code: caught.code, message: caught.message }
        : { code: DomainErrorCode.Unavailable, message: 'The answer could not be taken' };
    }
    void this.deps.log
      .publishEphemeral(ELICITATION_CONTROL_STREAM, {
        type: 'elicitation.replied',
        to: event.origin,
        requestId: event.requestId,
        ...(error ? { error } : {}),
      })
      .catch((err: unknown) =>
        this.deps.logger.warn({ err: (err as Error).message }, 'elicitation reply not sent'),
      );
  }

  /** Cancels every open request (shutdown) and stops listening. */
  close(): void {
    this.stopListening();
    for (const pending of [...this.pending.values()]) pending.finish({ action: 'cancel' });
  }
}
