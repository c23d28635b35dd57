import type { DigestSummary } from '@salescoach/domain';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** The weekly digest as the coach posts it in the team's room (markdown). */
export function digestText(summary: DigestSummary): string {
  const { practice, questions } = summary;
  const lines = [
    `**Weekly digest: ${summary.team.name} team** (${summary.period.from} to ${summary.period.to})`,
    '',
    '**Pipeline**: not in this digest; the CRM shows deals only to the people who own them, so ask me in the room for the team pipeline.',
    '',
    practice.assigned === 0
      ? '**Practice**: nothing assigned yet.'
      : `**Practice**: ${practice.done} of ${practice.assigned} assignments done, ${practice.overdue} overdue.`,
  ];
  const reps = practice.reps.filter((r) => r.assigned > 0 || r.latestScore !== null);
  if (reps.length > 0)
    lines.push(
      '',
      '| Rep | Assigned | Done | Overdue | Latest score |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...reps.map(
        (r) =>
          `| ${cell(r.name)} | ${r.assigned} | ${r.done} | ${r.overdue} | ${r.latestScore ?? '–'} |`,
      ),
    );
  lines.push(
    '',
    `**Questions**: ${questions.total} this week (${questions.previousTotal} the week before).`,
  );
  if (questions.new.length > 0)
    lines.push(
      '',
      '**Top new questions**',
      ...questions.new.slice(0, 5).map((q, i) => `${i + 1}. ${q.label} (${q.count})`),
    );
  else if (questions.top.length > 0)
    lines.push(
      '',
      '**Most asked**',
      ...questions.top.slice(0, 5).map((q, i) => `${i + 1}. ${q.label} (${q.count})`),
    );
  lines.push(
    '',
    summary.pinnedAnswers > 0
      ? `${summary.pinnedAnswers} pinned ${summary.pinnedAnswers === 1 ? 'answer' : 'answers'} in this room's FAQ.`
      : 'No pinned answers yet.',
  );
  return lines.join('\n');
}
