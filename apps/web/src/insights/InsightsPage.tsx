import type { ChartSpec } from '@salescoach/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RouterOutputs } from '@salescoach/api';
import { readableError } from '../api/readable-error.js';
import { useTRPC } from '../api/trpc-react.js';
import { ClusterActions } from '../coaching/ClusterActions.js';
import { TeamProgress } from '../coaching/TeamProgress.js';
import { LazyChart } from '../render/lazy-renderers.js';

const PERIODS = [7, 30, 90] as const;

type Insights = RouterOutputs['insights']['commonQuestions'];
type Group = Insights['groups'][number];

const HIDDEN = 'Asked by too few people to show';

function labelOf(group: Group, minAskers: number): string {
  return group.label ?? `${HIDDEN} (fewer than ${minAskers})`;
}

function shortLabel(label: string): string {
  return label.length > 28 ? `${label.slice(0, 27)}…` : label;
}

function trendSpec(data: Insights, days: number): ChartSpec | null {
  const groups = data.groups.filter((g) => g.label !== null).slice(0, 8);
  if (groups.length === 0) return null;
  return {
    kind: 'bar',
    title: `This ${days} days against the ${days} before`,
    x: { key: 'question', label: 'Question' },
    series: [
      { key: 'count', label: 'This period' },
      { key: 'previous', label: 'Previous period' },
    ],
    data: groups.map((g) => ({
      question: shortLabel(g.label ?? HIDDEN),
      count: g.count,
      previous: g.previousCount,
    })),
    unit: 'count',
    source: 'tool',
  };
}

function change(group: Group): string {
  const delta = group.count - group.previousCount;
  if (group.previousCount === 0) return 'new';
  return `${delta >= 0 ? '+' : ''}${delta} vs previous`;
}

/** Managers: what their teams ask most, against the previous period; counts only, never who asked. */
export function InsightsPage() {
  const trpc = useTRPC();
  const [days, setDays] = useState<number>(30);
  const [teamId, setTeamId] = useState<string>('');
  const insights = useQuery(
    trpc.insights.commonQuestions.queryOptions({
      days,
      limit: 15,
      ...(teamId ? { teamId } : {}),
    }),
  );
  const data = insights.data;
  const groups = data?.groups ?? [];
  const spec = data ? trendSpec(data, days) : null;
  const teamNames = data?.teams.map((t) => t.name).join(', ');
  // Actions and progress are for one team: the chosen one, or the only one.
  const actingTeam =
    data?.teams.find((t) => t.id === teamId) ??
    (data?.teams.length === 1 ? data.teams[0] : undefined);

  return (
    <div className="page insights">
      <header className="page-header">
        <h1>Common questions</h1>
        <label className="inline">
          Period
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                Last {p} days
              </option>
            ))}
          </select>
        </label>
        {data && (data.teams.length > 1 || teamId) && (
          <label className="inline">
            Team
            <select value={teamId} onChange={(e) => setTeamId(e.target.value)}>
              <option value="">All my teams</option>
              {data.teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {insights.isPending && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {insights.isError && (
        <p className="error" role="alert">
          {readableError(insights.error)}
        </p>
      )}
      {data && (
        <>
          <p className="muted">
            {data.teams.length === 0
              ? 'You manage no team yet, so there is nothing to show.'
              : `${teamNames}: ${data.totalQuestions} questions this period (${data.previousTotal} the period before); ${groups.length} themes. Private conversations are never counted; a theme's wording shows once ${data.minAskers} different people asked.`}
          </p>
          {spec && <LazyChart spec={spec} />}
          {data.rising.length > 0 && (
            <section aria-label="Rising topics">
              <h2>Rising</h2>
              <ul className="rising">
                {data.rising.map((g) => (
                  <li key={g.clusterId}>
                    <span className="ranked-label">{labelOf(g, data.minAskers)}</span>{' '}
                    <span className="muted small">
                      {g.count} ({change(g)})
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {groups.length === 0 ? (
            <p>No questions in this period yet.</p>
          ) : (
            <ol className="ranked" aria-label="Most asked">
              {groups.map((g) => (
                <li key={g.clusterId}>
                  <div className="ranked-head">
                    <span className={g.label ? 'ranked-label' : 'ranked-label muted'}>
                      {labelOf(g, data.minAskers)}
                    </span>
                    <span className="count" aria-label={`asked ${g.count} times`}>
                      {g.count}
                    </span>
                  </div>
                  {g.examples.length > 0 && (
                    <ul className="examples">
                      {g.examples.slice(0, 3).map((e) => (
                        <li key={e}>“{e}”</li>
                      ))}
                    </ul>
                  )}
                  <p className="muted small">
                    {g.askers} {g.askers === 1 ? 'person' : 'people'} · {change(g)} · last asked{' '}
                    {g.lastSeen}
                  </p>
                  {actingTeam && g.label && (
                    <ClusterActions
                      target={{
                        teamId: actingTeam.id,
                        teamName: actingTeam.name,
                        clusterId: g.clusterId,
                        question: g.label,
                        examples: g.examples,
                      }}
                    />
                  )}
                </li>
              ))}
            </ol>
          )}
          {actingTeam ? (
            <TeamProgress teamId={actingTeam.id} />
          ) : (
            data.teams.length > 1 && (
              <p className="muted">Choose a team to act on its questions and see its practice.</p>
            )
          )}
        </>
      )}
    </div>
  );
}
