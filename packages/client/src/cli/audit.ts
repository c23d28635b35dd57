import type { AuditEntry } from '@salescoach/domain';
import type { SalesCoachClient } from '../client.js';
import type { CliCommand } from './args.js';

/** At most this many entries are printed (the API's export holds as many). */
const MAX_ENTRIES = 10_000;

/** `audit`: the tool-call audit entries this user may see, newest first (JSON, CSV or lines). */
export async function runAudit(
  client: SalesCoachClient,
  command: CliCommand,
  out: NodeJS.WritableStream,
): Promise<number> {
  const filter = {
    ...(command.since ? { since: command.since } : {}),
    ...(command.until ? { until: command.until } : {}),
    ...(command.server ? { server: command.server } : {}),
    ...(command.tool ? { tool: command.tool } : {}),
    ...(command.asker ? { userId: command.asker } : {}),
  };
  if (command.format === 'csv') {
    const exported = await client.api.audit.export.query({ format: 'csv', ...filter });
    out.write(exported.body);
    return 0;
  }
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  while (entries.length < MAX_ENTRIES) {
    const page = await client.api.audit.list.query({ ...filter, limit: 200, cursor });
    entries.push(...(page.entries as AuditEntry[]));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  if (command.json || command.format === 'json') {
    out.write(`${JSON.stringify(entries)}\n`);
    return 0;
  }
  for (const e of entries) {
    const decider = e.approval?.decidedBy ? ` · approved by ${e.approval.decidedBy.name}` : '';
    const where = e.conversation ? ` · ${e.conversation.kind} ${e.conversation.id}` : '';
    out.write(
      `${e.startedAt}  ${e.askedBy.name}  ${e.server}/${e.tool}  ${e.outcome}${e.error ? ` (${e.error})` : ''}${decider}${where}\n`,
    );
  }
  return 0;
}
