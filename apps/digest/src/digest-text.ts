import type { DigestSummary } from '@salescoach/domain';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

const usd = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;

/** This quarter's pipeline by stage (totals from the CRM; never a deal). */
function pipelineLines(pipeline: DigestSummary['pipeline']): string[] {
  if (!pipeline) return ['**Pipeline**: the CRM could not be read for this digest.'];
  const stages = pipeline.stages.filter((s) => s.deals > 0);
  return [
    `**Pipeline ${pipeline.quarter}**: ${pipeline.deals} deals, ${usd(pipeline.openAmount)} open (${usd(pipeline.weightedAmount)} weighted), ${usd(pipeline.wonAmount)} won.`,
    ...(stages.length > 0
      ? [
          '',
          '| Stage | Deals | Amount |',
          '| --- | ---: | ---: |',
          ...stages.map((s) => `| ${cell(s.stage)} | ${s.deals} | ${usd(s.amount)} |`),
        ]
      : []),
  ];
}

/** The weekly digest as the coach posts it in the team's room (markdown). */
export function digestText(summary: DigestSummary): string {
  const { practice, questions } = summary;
  const lines = [
    `**Weekly digest: ${summary.team.name} team** (${summary.period.from} to ${summary.period.to})`,
    '',
    ...pipelineLines(summary.pipeline),
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
