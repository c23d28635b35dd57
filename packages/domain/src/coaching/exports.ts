/** The coaching loop: pinned answers, team scenarios, assignments, progress, the digest (re-exported by the package index). */
// Coaching
export {
  pinnedAnswerSchema,
  PINNED_QUESTION_MAX,
  PINNED_ANSWER_MAX,
  type PinnedAnswer,
  type GroundedSource,
} from './pinned-answer.js';
export { PinnedAnswerService, type PinnedAnswerServiceDeps } from './pinned-answer-service.js';
export {
  assignmentSchema,
  assignmentCompletionSchema,
  assigneesSchema,
  type Assignment,
  type AssignmentCompletion,
  type Assignees,
  type AssignmentStatus,
} from './assignment.js';
export {
  AssignmentService,
  type AssignmentServiceDeps,
  type AssignInput,
  type MyAssignment,
} from './assignment-service.js';
export {
  teamScenarioSchema,
  teamScenarioId,
  kindForQuestion,
  type TeamScenario,
} from './team-scenario.js';
export { TeamScenarioService, type TeamScenarioServiceDeps } from './team-scenario-service.js';
export type { CheckRate, ScorePoint } from './progress.js';
export { PinDrafter, type PinDrafterDeps, type PinDraft } from './pin-drafter.js';
export { TeamRooms, teamRoomId, type TeamRoomsDeps } from './team-room.js';
export {
  TeamDigest,
  type TeamDigestDeps,
  type DigestSummary,
  type ServiceGrant,
} from './team-digest.js';
export type {
  TeamPipeline,
  TeamPipelineSource,
  TeamPipelineStage,
} from '../ports/team-pipeline.port.js';
export {
  ProgressService,
  type ProgressServiceDeps,
  type RepProgress,
  type TeamProgress,
  type AssignmentProgress,
} from './progress-service.js';
export { crmTeamPipeline, type CrmTeamPipelineDeps } from './crm-team-pipeline.js';
