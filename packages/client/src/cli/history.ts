import type { Message } from '@salescoach/domain';
import type { SalesCoachClient } from '../client.js';
import type { CliCommand } from './args.js';

/** Prints every message of a session, oldest first (paging backwards through the history). */
export async function runHistory(
  client: SalesCoachClient,
  command: CliCommand,
  out: NodeJS.WritableStream,
): Promise<number> {
  const sessionId = command.text ?? '';
  const messages: Message[] = [];
  let before: number | undefined;
  for (let page = 0; page < 10_000; page++) {
    const result = await client.api.chat.messages.list.query({ sessionId, before, limit: 200 });
    messages.unshift(...result.messages);
    if (!result.hasMore || result.messages.length === 0) break;
    before = result.messages[0]?.seq;
  }
  if (command.json) {
    out.write(`${JSON.stringify(messages)}\n`);
  } else {
    for (const m of messages)
      out.write(`## ${m.author.name} (#${m.seq}, ${m.status})\n${m.content}\n\n`);
  }
  return 0;
}
