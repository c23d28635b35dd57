import { describe, expect, it } from 'vitest';
import { groupSessions } from './session-groups.js';

const now = new Date(2026, 11, 2, 15, 0); // 2 December 2026, 15:00 local time
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m, d, h).toISOString();

describe('groupSessions', () => {
  it('puts pinned first, then Today, Yesterday, the last 7 and 30 days and each older month', () => {
    const sessions = [
      { id: 'nov', updatedAt: at(2026, 10, 3) },
      { id: 'nov-first', updatedAt: at(2026, 10, 1) },
      { id: 'today-early', updatedAt: at(2026, 11, 2, 0) },
      { id: 'pinned-old', updatedAt: at(2025, 0, 5), pinned: true },
      { id: 'yesterday-late', updatedAt: at(2026, 11, 1, 23) },
      { id: 'week', updatedAt: at(2026, 10, 25) },
      { id: 'month', updatedAt: at(2026, 10, 10) },
      { id: 'today-late', updatedAt: at(2026, 11, 2, 14) },
      { id: 'oct', updatedAt: at(2026, 9, 31) },
      { id: 'oct-earlier', updatedAt: at(2026, 9, 2) },
    ];
    expect(groupSessions(sessions, now).map((g) => [g.label, g.sessions.map((s) => s.id)])).toEqual(
      [
        ['Pinned', ['pinned-old']],
        ['Today', ['today-late', 'today-early']],
        ['Yesterday', ['yesterday-late']],
        ['Previous 7 days', ['week']],
        ['Previous 30 days', ['month', 'nov']],
        ['November 2026', ['nov-first']],
        ['October 2026', ['oct', 'oct-earlier']],
      ],
    );
  });

  it('leaves empty sections out', () => {
    expect(groupSessions([], now)).toEqual([]);
    expect(
      groupSessions([{ id: 'a', updatedAt: at(2026, 11, 2) }], now).map((g) => g.label),
    ).toEqual(['Today']);
  });
});
