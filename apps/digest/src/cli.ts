import { setTimeout as sleep } from 'node:timers/promises';
import type { Writable } from 'node:stream';
import type { Settings } from '@salescoach/config';
import { createSalesCoachClient } from '@salescoach/client';
import { runDigest } from './run-digest.js';
import { nextRun } from './schedule.js';
import { digestTokenSource } from './service-token.js';

const USAGE = `usage: pnpm digest [--team <name>]... [--schedule] [--json] [--url <ws url>]
  --team      a team's name or id (default: every team in DIGEST_TEAMS)
  --schedule  keep running and post every week at DIGEST_SCHEDULE (UTC)
  --json      print each posted digest as one JSON object`;

interface Args {
  teams: string[];
  schedule: boolean;
  json: boolean;
  url?: string;
}

function parse(argv: readonly string[]): Args {
  const args: Args = { teams: [], schedule: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--team') args.teams.push(value());
    else if (arg === '--url') args.url = value();
    else if (arg === '--schedule') args.schedule = true;
    else if (arg === '--json') args.json = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return args;
}

/** `pnpm digest`: posts the weekly digest into each team's room, now or on the schedule. */
export async function runDigestCli(
  argv: readonly string[],
  settings: Settings,
  out: Writable,
  err: Writable,
  signal: AbortSignal = new AbortController().signal,
): Promise<number> {
  let args: Args;
  try {
    args = parse(argv);
  } catch (error) {
    err.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const teams = args.teams.length > 0 ? args.teams : settings.DIGEST_TEAMS;
  if (teams.length === 0) {
    err.write('No team: pass --team or set DIGEST_TEAMS\n');
    return 2;
  }
  const url = args.url ?? settings.DIGEST_API_URL;
  const client = createSalesCoachClient({ url, token: digestTokenSource(settings, url) });
  const postAll = async (): Promise<boolean> => {
    let ok = true;
    for (const team of teams) {
      try {
        const run = await runDigest(client, team);
        out.write(
          args.json
            ? `${JSON.stringify({ team: run.team, groupId: run.groupId, messageId: run.messageId, content: run.content })}\n`
            : `Posted the ${run.team} digest to ${run.groupId}:\n\n${run.content}\n\n`,
        );
      } catch (error) {
        ok = false;
        err.write(`${team}: ${(error as Error).message}\n`);
      }
    }
    return ok;
  };
  try {
    if (!args.schedule) return (await postAll()) ? 0 : 1;
    while (!signal.aborted) {
      const at = nextRun(settings.DIGEST_SCHEDULE, new Date());
      err.write(`Next digest at ${at.toISOString()}\n`);
      await sleep(at.getTime() - Date.now(), undefined, { signal }).catch(() => undefined);
      if (!signal.aborted) await postAll();
    }
    return 0;
  } finally {
    await client.close();
  }
}
