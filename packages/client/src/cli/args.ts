import { parseArgs } from 'node:util';

export interface CliCommand {
  readonly command: 'ask' | 'history' | 'help';
  readonly text?: string;
  readonly user?: string;
  readonly session?: string;
  readonly json: boolean;
  readonly url: string;
  readonly token?: string;
}

export const DEFAULT_URL = 'ws://127.0.0.1:3000/trpc';

export const USAGE = `Usage:
  salescoach ask "<question>" --user <devUser> [--session <id>] [--json] [--url <ws url>]
  salescoach history <sessionId> --user <devUser> [--json] [--url <ws url>]
Options:
  --user     a dev user (alex, sam, morgan, riley, admin) — dev sign-in
  --token    a bearer token instead of --user (e.g. an Entra ID access token)
  --session  continue a conversation
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
      json: { type: 'boolean', default: false },
      url: { type: 'string', default: DEFAULT_URL },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, text] = positionals;
  if (values.help || command === undefined || command === 'help')
    return { command: 'help', json: false, url: values.url };
  if (command !== 'ask' && command !== 'history')
    throw new UsageError(`Unknown command "${command}"`);
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
  };
}
