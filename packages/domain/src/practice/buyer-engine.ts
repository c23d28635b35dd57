import type { AnswerInput, CoachEngine } from '../ports/coach-engine.port.js';
import { isDomainError, notFound } from '../errors/domain-error.js';
import { newId } from '../model/ids.js';
import { conversationId, emptyAttachments, type Message } from '../model/message.js';
import type { Clock } from '../ports/clock.port.js';
import type { LlmClient } from '../ports/llm.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { MessageRepository } from '../ports/message-repository.port.js';
import { buyerMessages } from './buyer-prompt.js';
import { offlineBuyerReply } from './offline/offline-buyer.js';
import { OFFLINE_MODEL } from './offline/rules-scorer.js';
import type { PracticeRepository } from '../ports/practice-repository.port.js';
import type { Scenario } from './scenario.js';
import { repTurns, transcriptOf, type Turn } from './transcript.js';

export interface BuyerEngineDeps {
  readonly messages: MessageRepository;
  readonly practices: PracticeRepository;
  /** Absent: the offline model's deterministic buyer plays. */
  readonly llm?: LlmClient;
  readonly clock: Clock;
  readonly logger: Logger;
}

const FAILED = 'The buyer could not answer. Send your line again.';
const HISTORY = 200;

/**
 * Answers a rep's turn in character, as the practice's buyer. It plugs into the
 * conversation core as its engine, so a practice streams, stores and resumes like chat.
 */
export function createBuyerEngine(deps: BuyerEngineDeps): CoachEngine {
  async function reply(
    scenario: Scenario,
    turns: readonly Turn[],
    input: AnswerInput,
    messageId: string,
  ): Promise<string> {
    if (!deps.llm) {
      const text = offlineBuyerReply(scenario, repTurns(turns));
      input.emit({ type: 'answer.delta', messageId, text });
      return text;
    }
    let text = '';
    for await (const chunk of deps.llm.stream({
      purpose: 'chat',
      messages: buyerMessages(scenario, turns),
      signal: input.signal,
    })) {
      if (chunk.type !== 'text' || chunk.text === '') continue;
      text += chunk.text;
      input.emit({ type: 'answer.delta', messageId, text: chunk.text });
    }
    return text;
  }

  return {
    async answer(input: AnswerInput): Promise<Message> {
      if (input.ref.kind !== 'session') throw notFound('Practice');
      const practice = await deps.practices.getBySession(input.user.id, input.ref.sessionId);
      if (!practice) throw notFound('Practice');
      const history = await deps.messages.list(input.ref, {
        beforeSeq: input.question.seq + 1,
        limit: HISTORY,
      });
      const turns = transcriptOf(history);
      const now = deps.clock.now().toISOString();
      const model = deps.llm
        ? { provider: deps.llm.provider, name: deps.llm.modelFor('chat') }
        : OFFLINE_MODEL;
      const { message } = await deps.messages.append(input.ref, {
        id: newId(),
        conversationId: conversationId(input.ref),
        conversationKind: input.ref.kind,
        author: { kind: 'assistant', name: practice.scenario.persona.name },
        content: '',
        attachments: emptyAttachments(),
        toolCalls: [],
        status: 'streaming',
        model,
        createdAt: now,
        updatedAt: now,
      });
      input.emit({ type: 'answer.started', message });
      let content = '';
      let failure: { code: string; reason: string } | undefined;
      try {
        content = await reply(practice.scenario, turns, input, message.id);
      } catch (error) {
        if (!input.signal.aborted) {
          failure = { code: isDomainError(error) ? error.code : 'INTERNAL', reason: FAILED };
          deps.logger.warn({ practiceId: practice.id, code: failure.code }, 'buyer reply failed');
        }
      }
      const status = failure ? 'failed' : input.signal.aborted ? 'interrupted' : 'complete';
      const patch = {
        status,
        content,
        updatedAt: deps.clock.now().toISOString(),
        ...(failure ? { error: failure.reason } : {}),
      } as const;
      const final = (await deps.messages.update(input.ref, message.id, patch)) ?? {
        ...message,
        ...patch,
      };
      if (failure) input.emit({ type: 'answer.failed', message: final, ...failure });
      else input.emit({ type: 'answer.completed', message: final });
      return final;
    },
  };
}
