import { parseArgs } from 'node:util';
import { parseApprovalsAction, type ApprovalsAction } from './approvals.js';

export interface CliCommand {
  readonly command: 'ask' | 'history' | 'practice' | 'audit' | 'approvals' | 'help';
  readonly text?: string;
  readonly user?: string;
  readonly session?: string;
  readonly json: boolean;
  readonly url: string;
  readonly token?: string;
  readonly scenario?: string;
  readonly deal?: string;
  readonly turns?: string;
  readonly since?: string;
  readonly until?: string;
  readonly server?: string;
  readonly tool?: string;
  /** `audit`: only calls asked by this user id. */
  readonly asker?: string;
  readonly format?: 'csv' | 'json';
  /** `approvals`: list, or decide one request. */
  readonly approvals?: ApprovalsAction;
}

export const DEFAULT_URL = 'ws://127.0.0.1:3000/trpc';

export const USAGE = `Usage:
  salescoach ask "<question>" --user <devUser> [--session <id>] [--json] [--url <ws url>]
  salescoach history <sessionId> --user <devUser> [--json] [--url <ws url>]
  salescoach practice scenarios --user <devUser> [--json]
  salescoach practice run --user <devUser> (--scenario <id> | --deal <opportunityId>) --turns <file|-> [--json]
  salescoach approvals list --user <devUser> [--status pending|approved|rejected|expired] [--json]
  salescoach approvals decide <id> (--approve | --reject) [--reason "<why>"] --user <devUser> [--json]
  salescoach audit --user <devUser> [--since <iso>] [--until <iso>] [--server <name>] [--tool <name>] [--asker <userId>] [--json | --format csv|json]
Options:
  --user     a dev user (alex, sam, morgan, riley, admin) — dev sign-in
  --token    a bearer token instead of --user (e.g. an Entra ID access token)
  --session  continue a conversation
  --turns    the rep's lines, one per line, each sent after the buyer's reply (- reads stdin)
  --json     print only the final message (ask), the messages (history) or the entries (audit) as JSON
  --format   audit: csv or json (the export, as the web app downloads it)
  --url      the API's WebSocket URL (default ${DEFAULT_URL})`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function checkedUrl(url: string): string {
  if (!URL.canParse(url) || !/^wss?:$/.test(new URL(url).protocol))
    throw new UsageError(`--url must be a ws:// or wss:// URL`);
  return url;
}

function auditCommand(values: Record<string, string | boolean | undefined>): CliCommand {
  const text = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
  if (!text('user') && !text('token'))
    throw new UsageError('Say who you are with --user <devUser> or --token <token>');
  const format = text('format');
  if (format !== undefined && format !== 'csv' && format !== 'json')
    throw new UsageError('--format must be csv or json');
  for (const name of ['since', 'until']) {
    const value = text(name);
    if (value !== undefined && Number.isNaN(Date.parse(value)))
      throw new UsageError(`--${name} must be an ISO date, e.g. 2026-05-01T00:00:00Z`);
  }
  const iso = (value: string | undefined) =>
    value === undefined ? undefined : new Date(value).toISOString();
  return {
    command: 'audit',
    user: text('user'),
    token: text('token'),
    json: values.json === true,
    url: checkedUrl(text('url') ?? DEFAULT_URL),
    since: iso(text('since')),
    until: iso(text('until')),
    server: text('server'),
    tool: text('tool'),
    asker: text('asker'),
    ...(format ? { format } : {}),
  };
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
      since: { type: 'string' },
      until: { type: 'string' },
      server: { type: 'string' },
      tool: { type: 'string' },
      asker: { type: 'string' },
      format: { type: 'string' },
      status: { type: 'string' },
      reason: { type: 'string' },
      approve: { type: 'boolean', default: false },
      reject: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      url: { type: 'string', default: DEFAULT_URL },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, text] = positionals;
  if (values.help || command === undefined || command === 'help')
    return { command: 'help', json: false, url: values.url };
  if (
    command !== 'ask' &&
    command !== 'history' &&
    command !== 'practice' &&
    command !== 'audit' &&
    command !== 'approvals'
  )
    throw new UsageError(`Unknown command "${command}"`);
  if (command === 'audit') return auditCommand(values);
  if (command === 'approvals') {
    const approvals = parseApprovalsAction(positionals, values);
    if (!values.user && !values.token)
      throw new UsageError('Say who you are with --user <devUser> or --token <token>');
    return {
      command,
      approvals,
      user: values.user,
      token: values.token,
      json: values.json,
      url: checkedUrl(values.url),
    };
  }
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
