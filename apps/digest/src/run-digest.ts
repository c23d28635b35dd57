import type { SalesCoachClient } from '@salescoach/client';
import type { DigestSummary } from '@salescoach/domain';
import { digestText } from './digest-text.js';

export interface DigestRun {
  readonly team: string;
  readonly summary: DigestSummary;
  readonly content: string;
  readonly messageId: string;
  readonly groupId: string;
}

/** Reads the team's week through the API, writes the digest and posts it into the team's room. */
export async function runDigest(client: SalesCoachClient, team: string): Promise<DigestRun> {
  const summary = await client.api.coaching.digest.summary.query({ team });
  const content = digestText(summary);
  const posted = await client.api.coaching.digest.post.mutate({ team, content });
  return { team: summary.team.name, summary, content, ...posted };
}
