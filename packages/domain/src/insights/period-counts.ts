import type { ClusterDayCount } from '../ports/question-log.port.js';

/** One cluster's counts for the viewer: this period, the previous one, and who asked. */
export interface ClusterTally {
  readonly clusterId: string;
  count: number;
  previousCount: number;
  readonly askers: Set<string>;
  readonly teamIds: Set<string>;
  firstDay: string;
  lastDay: string;
}

/**
 * Folds day counts into per-cluster tallies for the period starting at `fromDay` and the
 * one before it. A person on two visible teams is counted once: per cluster, asker and day
 * the largest of the teams' counts is taken.
 */
export function tallyPeriods(
  rows: readonly ClusterDayCount[],
  fromDay: string,
  previousFromDay: string,
): Map<string, ClusterTally> {
  const perAskerDay = new Map<string, { row: ClusterDayCount; count: number; teams: string[] }>();
  for (const row of rows) {
    if (row.day < previousFromDay || row.count <= 0) continue;
    const key = `${row.clusterId}\u0000${row.askerId}\u0000${row.day}`;
    const seen = perAskerDay.get(key);
    if (!seen) perAskerDay.set(key, { row, count: row.count, teams: [row.teamId] });
    else {
      seen.count = Math.max(seen.count, row.count);
      seen.teams.push(row.teamId);
    }
  }
  const tallies = new Map<string, ClusterTally>();
  for (const { row, count, teams } of perAskerDay.values()) {
    let tally = tallies.get(row.clusterId);
    if (!tally) {
      tally = {
        clusterId: row.clusterId,
        count: 0,
        previousCount: 0,
        askers: new Set(),
        teamIds: new Set(),
        firstDay: '',
        lastDay: '',
      };
      tallies.set(row.clusterId, tally);
    }
    if (row.day < fromDay) {
      tally.previousCount += count;
      continue;
    }
    tally.count += count;
    tally.askers.add(row.askerId);
    for (const team of teams) tally.teamIds.add(team);
    if (!tally.firstDay || row.day < tally.firstDay) tally.firstDay = row.day;
    if (row.day > tally.lastDay) tally.lastDay = row.day;
  }
  return tallies;
}
