import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ElicitRequestSchema,
  type ElicitRequest,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { DevAuthority } from '@salescoach/auth/testing';
import type { RunningCrmServer } from '../crm-server.js';

export interface CrmCallResult {
  readonly isError: boolean;
  readonly text: string;
  readonly structured: unknown;
}

export interface CrmTestClient {
  call(name: string, args?: Record<string, unknown>): Promise<CrmCallResult>;
  readonly client: Client;
}

/**
 * A real MCP SDK client over Streamable HTTP, signed in as a dev user with a token issued for
 * the CRM (as the API's hub gets one). With `elicit`, it advertises the `elicitation`
 * capability and answers the server's questions with it.
 */
export async function connectAs(
  authority: DevAuthority,
  crm: RunningCrmServer,
  devUser: string,
  elicit?: (request: ElicitRequest['params']) => Promise<ElicitResult> | ElicitResult,
): Promise<CrmTestClient> {
  const token = await authority.delegatedTokens.forUser({
    userId: devUser,
    subjectToken: await authority.token(devUser),
    resource: crm.resource,
  });
  return connectWithToken(crm, token, elicit);
}

/** The same client with a given bearer token (e.g. a service's client-credentials token). */
export async function connectWithToken(
  crm: RunningCrmServer,
  token: string,
  elicit?: (request: ElicitRequest['params']) => Promise<ElicitResult> | ElicitResult,
): Promise<CrmTestClient> {
  const client = new Client(
    { name: 'crm-write-test', version: '1.0.0' },
    elicit ? { capabilities: { elicitation: { form: {} } } } : {},
  );
  if (elicit) client.setRequestHandler(ElicitRequestSchema, (request) => elicit(request.params));
  await client.connect(
    new StreamableHTTPClientTransport(new URL(crm.url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return {
    client,
    call: async (name, args = {}) => {
      const result = await client.callTool({ name, arguments: args });
      const content = result.content as { text?: string }[];
      return {
        isError: result.isError === true,
        text: content.map((c) => c.text ?? '').join('\n'),
        structured: result.structuredContent,
      };
    },
  };
}
