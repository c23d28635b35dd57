import type { Group } from '../../model/group.js';
import { hasRole, type User } from '../../model/user.js';
import type { Practice } from '../practice.js';
import { practiceView, type PracticeView } from '../practice-view.js';
import type { PracticePerson, RoomPractice } from './room-practice.js';

/** Who may add a person's score to a room practice: the room's owner or a Manager. */
export const mayReview = (group: Group, viewer: User): boolean =>
  group.ownerId === viewer.id || hasRole(viewer, 'Manager');

/**
 * A room practice as one member sees it: the rep's practice view (no hidden facts), its
 * hints only for the rep, the people's scores for everyone in the room, and what the
 * viewer may do.
 */
export interface RoomPracticeView extends PracticeView {
  readonly groupId: string;
  readonly rep: PracticePerson;
  readonly you: { readonly play: boolean; readonly mayReview: boolean };
}

export function roomPracticeView(
  group: Group,
  entry: RoomPractice,
  practice: Practice,
  viewer: User,
): RoomPracticeView {
  const play = practice.userId === viewer.id;
  const view = practiceView(practice);
  return {
    ...view,
    hints: play ? view.hints : [],
    humanScores: practice.humanScores ?? [],
    groupId: group.id,
    rep: entry.rep,
    you: { play, mayReview: mayReview(group, viewer) },
  };
}
