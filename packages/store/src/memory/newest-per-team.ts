/** Newest first (by createdAt), at most `limit` per team. */
export function newestPerTeam<T extends { teamId: string; createdAt: string }>(
  all: T[],
  teamIds: readonly string[],
  limit: number,
): T[] {
  const teams = new Set(teamIds);
  const perTeam = new Map<string, number>();
  return all
    .filter((x) => teams.has(x.teamId))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .filter((x) => {
      const n = (perTeam.get(x.teamId) ?? 0) + 1;
      perTeam.set(x.teamId, n);
      return n <= limit;
    });
}
