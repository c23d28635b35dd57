import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { Opportunity } from '../crm-model.js';

/** The person was asked which deal they meant and declined or cancelled: nothing is written. */
export class NoChange extends Error {
  override readonly name = 'NoChange';
}

/** More matches than this are not offered as a choice: the request must say more. */
export const MAX_CHOICES = 20;

/** How long the CRM waits for the person to pick a deal before it gives up (no change). */
export const PICK_TIMEOUT_MS = 10 * 60_000;

const label = (o: Opportunity): string =>
  `${o.name} (${o.stage}, $${o.amount.toLocaleString('en-US')}, closes ${o.closeDate})`;

export interface PickContext {
  /** The tool call's request: the question travels on its response stream. */
  readonly requestId: RequestId;
  readonly signal: AbortSignal;
}

/**
 * Several of the caller's deals match the words a write used: asks the person which one, with
 * MCP elicitation (form mode, one enum field of opportunity ids, titled by deal). A client that
 * cannot ask gets an error listing the matches, so the model can ask and call again with an id.
 */
export async function pickOpportunity(
  server: Server,
  asked: string,
  matches: readonly Opportunity[],
  context: PickContext,
): Promise<string> {
  const ids = matches.map((o) => o.id);
  if (matches.length > MAX_CHOICES)
    throw new Error(
      `"${asked}" matches ${matches.length} of your opportunities, too many to choose from (${ids.slice(0, 5).join(', ')}, …): use more words from the deal's name, or its opportunityId`,
    );
  const listed = `"${asked}" matches ${matches.length} of your opportunities: ${matches
    .map((o) => `${o.id} ${label(o)}`)
    .join('; ')}`;
  if (!server.getClientCapabilities()?.elicitation)
    throw new Error(`${listed}. Ask which one is meant and call again with its opportunityId`);
  const answer = await server.elicitInput(
    {
      mode: 'form',
      message: `"${asked}" matches ${matches.length} of your opportunities. Which one do you mean?`,
      requestedSchema: {
        type: 'object',
        properties: {
          opportunityId: {
            type: 'string',
            title: 'Opportunity',
            description: matches.map((o) => `${o.id}: ${label(o)}`).join('\n'),
            enum: ids,
            enumNames: matches.map(label),
          },
        },
        required: ['opportunityId'],
      },
    },
    { relatedRequestId: context.requestId, signal: context.signal, timeout: PICK_TIMEOUT_MS },
  );
  if (answer.action !== 'accept')
    throw new NoChange(
      `the choice was ${answer.action === 'decline' ? 'declined' : 'cancelled'}: ${listed}. Call again with the opportunityId meant`,
    );
  const chosen = answer.content?.opportunityId;
  if (typeof chosen !== 'string' || !ids.includes(chosen))
    throw new NoChange(`the answer named none of ${ids.join(', ')}`);
  return chosen;
}
