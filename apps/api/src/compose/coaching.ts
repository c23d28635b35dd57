import type { Settings } from '@salescoach/config';
import type { CoachingApi } from '@salescoach/api';
import {
  AssignmentService,
  crmTeamPipeline,
  PinDrafter,
  ProgressService,
  TeamDigest,
  TeamRooms,
  TeamScenarioService,
  type ConversationCore,
  type InsightsService,
  type DirectoryEntry,
  type PracticeService,
  type RoomPracticeService,
  type TeamDirectory,
} from '@salescoach/domain';
import { composePractice, loadPracticeLibrary, type PracticeParts } from './practice.js';

export interface CoachingParts extends PracticeParts {
  readonly teams: TeamDirectory;
  readonly directory: () => readonly DirectoryEntry[] | Promise<readonly DirectoryEntry[]>;
  /** The chat conversation core (the coach with its tools), for drafted answers. */
  readonly conversations: ConversationCore;
  readonly insights: InsightsService;
}

/**
 * Practice and the coaching loop around it: team scenarios are played like library ones,
 * and a scored practice completes the rep's assignments of its scenario.
 */
export async function composeCoaching(
  settings: Settings,
  parts: CoachingParts,
): Promise<{
  practice: PracticeService;
  practiceRooms: RoomPracticeService;
  coaching: CoachingApi;
}> {
  const library = await loadPracticeLibrary(settings);
  const { store, teams, clock } = parts;
  const scenarios = new TeamScenarioService({
    scenarios: store.teamScenarios,
    teams,
    library,
    clock,
  });
  const assignments = new AssignmentService({
    assignments: store.assignments,
    teams,
    scenarioTitle: (teamId, scenarioId) => scenarios.titleFor(teamId, scenarioId),
    clock,
    logger: parts.logger.child({ component: 'assignments' }),
  });
  const { practice, rooms: practiceRooms } = await composePractice(settings, parts, {
    library,
    teamScenarios: scenarios,
    onScored: async (user, scored) => {
      await assignments.practiceScored(user, scored);
    },
  });
  const progress = new ProgressService({
    assignments: store.assignments,
    practices: store.practices,
    teams,
    directory: parts.directory,
    clock,
  });
  const drafter = new PinDrafter({
    sessions: store.sessions,
    messages: parts.messages,
    conversations: parts.conversations,
    teams,
    clock,
  });
  const rooms = new TeamRooms({
    groups: store.groups,
    messages: parts.messages,
    conversations: parts.conversations,
    teams,
    directory: parts.directory,
    clock,
    logger: parts.logger.child({ component: 'team-rooms' }),
  });
  const digest = new TeamDigest({
    grants: [{ principal: settings.DIGEST_SERVICE_ID, teams: settings.DIGEST_TEAMS }],
    teams,
    progress,
    insights: parts.insights,
    pins: store.pins,
    rooms,
    pipeline: crmTeamPipeline({
      hub: parts.hub,
      directory: parts.directory,
      logger: parts.logger.child({ component: 'team-pipeline' }),
    }),
  });
  return {
    practice,
    practiceRooms,
    coaching: { scenarios, assignments, progress, drafter, rooms, digest },
  };
}
