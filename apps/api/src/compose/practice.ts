import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Settings } from '@salescoach/config';
import {
  buildPracticeLibrary,
  ConversationCore,
  createBuyerEngine,
  createLlmHints,
  createLlmScorer,
  createRuleHints,
  createRulesScorer,
  CrmReader,
  OFFLINE_MODEL,
  PracticeService,
  RoomPracticeService,
  type PracticeServiceDeps,
  type AnswerRegistry,
  type Clock,
  type ConversationPublisher,
  type DataFile,
  type EventLog,
  type LlmClient,
  type Logger,
  type MessageRepository,
  type PracticeLibrary,
  type RateLimiter,
  type Store,
  type ToolHub,
} from '@salescoach/domain';

import { MemoryAnswerLock } from '@salescoach/realtime/memory';
async function readDataFiles(dir: string): Promise<DataFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(dir, name), 'utf8');
      try {
        return { name, json: JSON.parse(text) as unknown };
      } catch {
        throw new Error(`Practice data file ${join(dir, name)} is not valid JSON`);
      }
    }),
  );
}

/** The scenario and methodology files named by the settings, validated at start-up. */
export async function loadPracticeLibrary(settings: Settings): Promise<PracticeLibrary> {
  return buildPracticeLibrary(
    await readDataFiles(resolve(settings.PRACTICE_SCENARIOS_DIR)),
    await readDataFiles(resolve(settings.PRACTICE_METHODOLOGY_DIR)),
  );
}

export interface PracticeParts {
  readonly store: Store;
  readonly messages: MessageRepository;
  readonly log: EventLog;
  readonly publisher: ConversationPublisher;
  readonly answers: AnswerRegistry;
  readonly limiter: RateLimiter;
  readonly llm: LlmClient;
  readonly hub: ToolHub;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Practice runs on the conversation core like chat (same store, publisher, event log and
 * answer registry), with the buyer as its engine and no insights recording: a rep's lines
 * to a roleplay buyer are not questions for the team. Offline, the deterministic buyer,
 * rules scorer and rule hints play; with a model, the persona prompt and structured output.
 * Rooms host practices on the same core: members watch and whisper; only the rep plays.
 */
export async function composePractice(
  settings: Settings,
  parts: PracticeParts,
  coaching: Pick<PracticeServiceDeps, 'teamScenarios' | 'onScored'> & {
    readonly library?: PracticeLibrary;
  } = {},
): Promise<{ practice: PracticeService; rooms: RoomPracticeService }> {
  const offline = parts.llm.provider === 'offline';
  const logger = parts.logger.child({ component: 'practice' });
  const conversations = new ConversationCore({
    messages: parts.messages,
    log: parts.log,
    publisher: parts.publisher,
    answers: parts.answers,
    engine: createBuyerEngine({
      messages: parts.messages,
      practices: parts.store.practices,
      ...(offline ? {} : { llm: parts.llm }),
      clock: parts.clock,
      logger,
    }),
    limiter: parts.limiter,
    clock: parts.clock,
    logger,
    limits: { maxMessageChars: settings.MAX_MESSAGE_CHARS },
    // A practice call is one rep's: its buyer's turn is kept in this process.
    lock: new MemoryAnswerLock(),
  });
  const practice = new PracticeService({
    practices: parts.store.practices,
    sessions: parts.store.sessions,
    messages: parts.messages,
    conversations,
    library: coaching.library ?? (await loadPracticeLibrary(settings)),
    crm: new CrmReader(parts.hub),
    scorer: offline ? createRulesScorer() : createLlmScorer(parts.llm, logger),
    hints: offline ? createRuleHints() : createLlmHints(parts.llm),
    model: offline
      ? OFFLINE_MODEL
      : { provider: parts.llm.provider, name: parts.llm.modelFor('chat') },
    clock: parts.clock,
    logger,
    ...(coaching.teamScenarios ? { teamScenarios: coaching.teamScenarios } : {}),
    ...(coaching.onScored ? { onScored: coaching.onScored } : {}),
  });
  const rooms = new RoomPracticeService({
    practice,
    practices: parts.store.practices,
    rooms: parts.store.roomPractices,
    groups: parts.store.groups,
    conversations,
    log: parts.log,
    publisher: parts.publisher,
    limiter: parts.limiter,
    clock: parts.clock,
    logger,
  });
  return { practice, rooms };
}
