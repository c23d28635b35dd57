export { startTestStack, type TestStack, type TestStackOptions } from './test-stack.js';
export { startScriptedStack, type ScriptedStack } from './scripted-stack.js';
export {
  collectEvents,
  followApprovals,
  followPractice,
  followRoom,
  followSession,
  waitFor,
} from './event-collector.js';
export { trustApiIssuer, type ApiIssuerTrust } from './api-issuer-trust.js';
export { writeTeamsFile, WEST_TEAM, PEOPLE_TEAM } from './teams-file.js';
export { capturedOutput } from './captured-output.js';
export {
  followRoomPractice,
  listenToRoomPractice,
  type RoomPracticeStream,
} from './room-practice-follow.js';
export {
  conversationOf,
  messagesOf,
  requestCarrying,
  type ModelMessage,
} from './model-requests.js';
export { runCliAgainst, type CliRun } from './cli-run.js';
export { subscribeOnce } from './subscribe-once.js';
export { openRoom } from './open-room.js';
export { sendLinesAtOnce } from './lines-at-once.js';
export { startOAuthStack, type OAuthStack } from './oauth-stack.js';
export { refusalOf, type Refusal } from './refusal.js';
