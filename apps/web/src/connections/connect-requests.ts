import type { Message } from '@salescoach/domain';

/**
 * The servers a coach message asks the reader to connect: the engine's text for a tool
 * call to an `oauth` server the user has not connected is exactly
 * `Connect <server> to use its tools`, in the call's error or in the answer.
 */

// A server name as the servers file allows it: letters, digits, _ and -, at most 32.
const CONNECT_REQUEST = /Connect ([A-Za-z0-9_-]{1,32}) to use its tools/g;

export function serversToConnect(
  message: Pick<Message, 'content' | 'toolCalls' | 'error'>,
): string[] {
  const texts = [
    message.content,
    message.error ?? '',
    ...message.toolCalls.map((call) => call.error ?? ''),
  ];
  const servers = new Set<string>();
  for (const text of texts)
    for (const match of text.matchAll(CONNECT_REQUEST)) servers.add(match[1]!);
  return [...servers];
}
