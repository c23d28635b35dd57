import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { askQuestion } from '../ask.js';
import { createSalesCoachClient, devTokenSource } from '../client.js';
import { parseCommand, USAGE, UsageError, type CliCommand } from './args.js';
import { runApprovals } from './approvals.js';
import { runAudit } from './audit.js';
import { runHistory } from './history.js';
import { runPracticeCommand } from './practice.js';

/** The `salescoach` CLI: `ask` streams an answer, `history` prints a session, `practice` plays one, `approvals` lists and decides requests, `audit` reads the tool-call audit. */
export async function runCli(
  argv: readonly string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCommand(argv);
  } catch (error) {
    err.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.command === 'help') {
    out.write(`${USAGE}\n`);
    return 0;
  }
  let token: () => Promise<string>;
  if (command.token) {
    const fixed = command.token;
    token = async () => fixed;
  } else {
    token = devTokenSource(command.url, command.user ?? '');
    try {
      await token(); // fail fast on an unknown user or an unreachable server
    } catch (error) {
      err.write(
        `Error: cannot sign in as "${command.user ?? ''}" at ${command.url}: ${(error as Error).message}\n`,
      );
      return 1;
    }
  }
  const client = createSalesCoachClient({ url: command.url, token });
  try {
    if (command.command === 'history') return await runHistory(client, command, out);
    if (command.command === 'audit') return await runAudit(client, command, out);
    if (command.command === 'approvals') return await runApprovals(client, command, out);
    if (command.command === 'practice')
      return await runPracticeCommand(client, command, { out, err, stdin });
    const { sessionId, answer } = await askQuestion(client, {
      question: command.text ?? '',
      sessionId: command.session,
      onDelta: command.json ? undefined : (text) => out.write(text),
      onTool: command.json
        ? undefined
        : (phase, call) =>
            err.write(
              `[tool ${call.server}/${call.tool} ${phase === 'started' ? 'running' : call.status}]\n`,
            ),
    });
    if (command.json) {
      const { id, content, status, toolCalls, attachments } = answer;
      out.write(`${JSON.stringify({ id, sessionId, content, status, toolCalls, attachments })}\n`);
    } else {
      out.write(`\n\n[session ${sessionId} · ${answer.status}]\n`);
    }
    if (answer.status === 'failed') {
      err.write(`The answer failed: ${answer.error ?? 'unknown reason'}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    err.write(`${error instanceof UsageError ? '' : 'Error: '}${(error as Error).message}\n`);
    return 1;
  } finally {
    await client.close();
  }
}

/** True when this file is the program node was asked to run (paths compared, not URL text). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  runCli(process.argv.slice(2), process.stdout, process.stderr).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Error: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
