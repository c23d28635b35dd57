import { readFile } from 'node:fs/promises';
import type { SalesCoachClient } from '../client.js';
import { practiceRunJson, runPractice } from '../practice-run.js';
import type { CliCommand } from './args.js';

async function readTurns(source: string, stdin: NodeJS.ReadableStream): Promise<string[]> {
  let text = '';
  if (source === '-') {
    for await (const chunk of stdin) text += String(chunk);
  } else {
    text = await readFile(source, 'utf8');
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** `practice scenarios` and `practice run`. */
export async function runPracticeCommand(
  client: SalesCoachClient,
  command: CliCommand,
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream; stdin: NodeJS.ReadableStream },
): Promise<number> {
  if (command.text === 'scenarios') {
    const scenarios = await client.api.practice.scenarios.query();
    if (command.json) io.out.write(`${JSON.stringify(scenarios)}\n`);
    else
      for (const s of scenarios) io.out.write(`${s.id}\t${s.kind}\t${s.difficulty}\t${s.title}\n`);
    return 0;
  }
  const turns = await readTurns(command.turns ?? '', io.stdin);
  if (turns.length === 0) {
    io.err.write('Error: the turns file has no lines\n');
    return 2;
  }
  const start = command.deal
    ? { opportunityId: command.deal }
    : { scenarioId: command.scenario ?? '' };
  const result = await runPractice(client, { start, turns });
  const output = practiceRunJson(result) as {
    transcript: { speaker: string; content: string }[];
    scorecard: {
      score: number;
      checks: { label: string; passed: boolean | null; evidence?: string }[];
    } | null;
  };
  if (command.json) io.out.write(`${JSON.stringify(output)}\n`);
  else {
    for (const t of output.transcript)
      io.out.write(`${t.speaker === 'rep' ? 'You' : 'Buyer'}: ${t.content}\n`);
    if (output.scorecard) {
      io.out.write(`\nScore ${output.scorecard.score}/100\n`);
      for (const c of output.scorecard.checks)
        io.out.write(
          `${c.passed === null ? '–' : c.passed ? '✓' : '✗'} ${c.label}${c.evidence ? `: "${c.evidence}"` : ''}\n`,
        );
    }
  }
  if (!result.practice.scorecard) {
    io.err.write(
      `The practice was not scored: ${result.practice.scoreError ?? 'unknown reason'}\n`,
    );
    return 1;
  }
  return 0;
}
