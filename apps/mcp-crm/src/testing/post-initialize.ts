/**
 * One raw MCP `initialize` POST to a Streamable HTTP endpoint, with or without an
 * `Authorization` value: for tests of what a protected resource lets in.
 */
export function postInitialize(url: string, authorization?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'salescoach-test', version: '1.0.0' },
      },
    }),
  });
}
