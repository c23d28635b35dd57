import { parseArgs } from 'node:util';

export interface CliCommand {
  readonly command: 'ask' | 'history' | 'practice' | 'help';
  readonly text?: string;
  readonly user?: string;
  readonly session?: string;
  readonly json: boolean;
  readonly url: string;
  readonly token?: string;
  readonly scenario?: string;
  readonly deal?: string;
  readonly turns?: string;
}

export const DEFAULT_URL = 'ws://127.0.0.1:3000/trpc';

export const USAGE = `Usage:
  salescoach ask "<question>" --user <devUser> [--session <id>] [--json] [--url <ws url>]
  salescoach history <sessionId> --user <devUser> [--json] [--url <ws url>]
  salescoach practice scenarios --user <devUser> [--json]
  salescoach practice run --user <devUser> (--scenario <id> | --deal <opportunityId>) --turns <file|-> [--json]
Options:
  --user     a dev user (alex, sam, morgan, riley, admin) — dev sign-in
  --token    a bearer token instead of --user (e.g. an Entra ID access token)
  --session  continue a conversation
  --turns    the rep's lines, one per line, each sent after the buyer's reply (- reads stdin)
  --json     print only the final message (ask) or the messages (history) as JSON
  --url      the API's WebSocket URL (default ${DEFAULT_URL})`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseCommand(argv: readonly string[]): CliCommand {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      user: { type: 'string' },
      token: { type: 'string' },
      session: { type: 'string' },
      scenario: { type: 'string' },
      deal: { type: 'string' },
      turns: { type: 'string' },
      json: { type: 'boolean', default: false },
      url: { type: 'string', default: DEFAULT_URL },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, text] = positionals;
  if (values.help || command === undefined || command === 'help')
    return { command: 'help', json: false, url: values.url };
  if (command !== 'ask' && command !== 'history' && command !== 'practice')
    throw new UsageError(`Unknown command "${command}"`);
  if (command === 'practice') {
    if (text !== 'scenarios' && text !== 'run')
      throw new UsageError('practice needs "scenarios" or "run"');
    if (text === 'run' && !values.scenario === !values.deal)
      throw new UsageError('practice run needs one of --scenario <id> or --deal <opportunityId>');
    if (text === 'run' && !values.turns)
      throw new UsageError('practice run needs --turns <file> (or --turns - for stdin)');
  }
  if (!text)
    throw new UsageError(
      command === 'ask' ? 'ask needs a question in quotes' : 'history needs a session id',
    );
  if (!values.user && !values.token)
    throw new UsageError('Say who you are with --user <devUser> or --token <token>');
  if (!URL.canParse(values.url) || !/^wss?:$/.test(new URL(values.url).protocol))
    throw new UsageError(`--url must be a ws:// or wss:// URL`);
  return {
    command,
    text,
    user: values.user,
    token: values.token,
    session: values.session,
    json: values.json,
    url: values.url,
    scenario: values.scenario,
    deal: values.deal,
    turns: values.turns,
  };
}
