import { CosmosClient } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import { Agent } from 'node:https';
import { isIP } from 'node:net';

export interface CosmosConnectionOptions {
  readonly endpoint: string;
  /** Account key; without it the client authenticates with Entra ID (DefaultAzureCredential). */
  readonly key?: string;
  /** Accept a self-signed certificate (local emulator). Refused unless the endpoint is loopback. */
  readonly allowSelfSigned?: boolean;
  /** Throttling (429) retries per request (default 9). */
  readonly maxRetries?: number;
  /** Longest total wait across throttling retries (default 30 s). */
  readonly maxRetryWaitMs?: number;
}

/** localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * Builds the SDK client. A self-signed certificate is accepted only through this client's
 * own https.Agent and only for a loopback endpoint; TLS stays verified everywhere else.
 */
export function createCosmosClient(options: CosmosConnectionOptions): CosmosClient {
  const url = new URL(options.endpoint);
  const loopback = isLoopbackHost(url.hostname);
  if (options.allowSelfSigned && !loopback) {
    throw new Error(
      'allowSelfSigned is only allowed for a loopback Cosmos endpoint (a local emulator)',
    );
  }
  const retryWaitSeconds = Math.max(1, Math.ceil((options.maxRetryWaitMs ?? 30_000) / 1_000));
  return new CosmosClient({
    endpoint: options.endpoint,
    ...(options.key ? { key: options.key } : { aadCredentials: new DefaultAzureCredential() }),
    ...(options.allowSelfSigned
      ? { agent: new Agent({ rejectUnauthorized: false, keepAlive: true }) }
      : {}),
    connectionPolicy: {
      // A local emulator advertises no separate regional endpoints worth discovering.
      enableEndpointDiscovery: !loopback,
      retryOptions: {
        maxRetryAttemptCount: Math.max(0, Math.floor(options.maxRetries ?? 9)),
        maxWaitTimeInSeconds: retryWaitSeconds,
        fixedRetryIntervalInMilliseconds: 0,
      },
    },
  });
}
