/** Practice: scenarios, the buyer, scorecards, practice in rooms (re-exported by the package index). */
// Practice
export {
  SCENARIO_KINDS,
  DIFFICULTIES,
  FACT_KINDS,
  scenarioSchema,
  scenarioFileSchema,
  personaSchema,
  summarizeScenario,
  type Scenario,
  type ScenarioKind,
  type ScenarioSummary,
  type Difficulty,
  type Persona,
  type HiddenFact,
  type FactKind,
} from './scenario.js';
export {
  methodologySchema,
  checksFor,
  type Methodology,
  type MethodologyCheck,
  type MethodologyLibrary,
} from './methodology.js';
export {
  scorecardSchema,
  checkResultSchema,
  scoreOf,
  type Scorecard,
  type CheckResult,
} from './scorecard.js';
export {
  practiceRef,
  practiceSchema,
  practiceStatusSchema,
  type Practice,
  type PracticeStatus,
  type PracticeHint,
} from './practice.js';
export type { PracticeRepository } from '../ports/practice-repository.port.js';
export {
  buildPracticeLibrary,
  PracticeLibraryError,
  type PracticeLibrary,
  type DataFile,
} from './library.js';
export { verbatimQuote } from './evidence.js';
export { transcriptOf, type Turn as PracticeTurn, type Speaker } from './transcript.js';
export type {
  PracticeScorer,
  Judgement,
  JudgedCheck,
  ScoreRequest,
} from '../ports/practice-scorer.port.js';
export { buildScorecard } from './scorecard-builder.js';
export { createRulesScorer, OFFLINE_MODEL } from './offline/rules-scorer.js';
export { createLlmScorer, JUDGEMENT_JSON_SCHEMA, SCORING_FAILED } from './llm-scorer.js';
export { offlineBuyerReply, earnedFacts, objectionRaised } from './offline/offline-buyer.js';
export { CrmReader, type CrmCaller, type DealRow } from './crm-reader.js';
export { buildDealScenario, dealScenarioId } from './deal-scenario.js';
export {
  PracticeService,
  type PracticeServiceDeps,
  type StartInput,
  type TeamScenarioSource,
} from './practice-service.js';
export { createBuyerEngine, type BuyerEngineDeps } from './buyer-engine.js';
export {
  createRuleHints,
  createLlmHints,
  type HintWriter,
  type HintRequest,
} from './hint-writer.js';
export { practiceView, type PracticeView } from './practice-view.js';
export {
  humanScoreSchema,
  roomPracticeSchema,
  whisperSchema,
  WHISPER_MAX_CHARS,
  type HumanScore,
  type PracticePerson,
  type RoomPractice,
  type Whisper,
} from './room/room-practice.js';
export type { RoomPracticeRepository } from '../ports/room-practice-repository.port.js';
export {
  RoomPracticeService,
  whisperStream,
  type RoomPracticeServiceDeps,
  type RoomRef,
  type RoomStartInput,
} from './room/room-practice-service.js';
export { mayReview, type RoomPracticeView } from './room/room-practice-view.js';
