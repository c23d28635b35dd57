import { readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:https';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** 1 for the first request the proxy sees. */
  readonly number: number;
}

export interface ThrottlingProxyOptions {
  /** https://host:port of the real (test) Cosmos server. */
  readonly target: string;
  /** True to answer this request with 429 instead of forwarding it (it never reaches Cosmos). */
  readonly throttle: (request: ProxiedRequest) => boolean;
  /** Sent as `x-ms-retry-after-ms`. */
  readonly retryAfterMs: number;
}

export interface ThrottlingProxy {
  /** https://127.0.0.1:<port>, self-signed like the Cosmos test server. */
  readonly endpoint: string;
  /** Requests answered with 429, by method and path. */
  readonly throttled: ProxiedRequest[];
  /** Requests passed through. */
  readonly forwarded: ProxiedRequest[];
  close(): Promise<void>;
}

/** The certificate the Cosmos test server ships with, so the proxy looks like it to the SDK. */
function testCertificate(): { cert: Buffer; key: Buffer } {
  const packageMain = createRequire(import.meta.url).resolve('@vercel/cosmosdb-server');
  const root = join(dirname(packageMain), '..');
  return { cert: readFileSync(join(root, 'cert.pem')), key: readFileSync(join(root, 'key.pem')) };
}

/**
 * An HTTPS proxy in front of a Cosmos server that answers chosen requests the way Cosmos
 * does when a partition is over its provisioned throughput: 429, substatus 3200 and
 * `x-ms-retry-after-ms`. Everything else is forwarded unchanged.
 */
export async function startThrottlingProxy(
  options: ThrottlingProxyOptions,
): Promise<ThrottlingProxy> {
  const target = new URL(options.target);
  const upstream = new Agent({ keepAlive: true, rejectUnauthorized: false });
  const throttled: ProxiedRequest[] = [];
  const forwarded: ProxiedRequest[] = [];
  let count = 0;

  const server = createServer({ ...testCertificate(), keepAlive: true }, (req, res) => {
    count += 1;
    const seen: ProxiedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      number: count,
    };
    if (options.throttle(seen)) {
      throttled.push(seen);
      // Drain the body so the connection can be reused, then answer like Cosmos.
      req.resume();
      req.once('end', () => {
        const body = JSON.stringify({
          code: 'TooManyRequests',
          message: 'Request rate is large. More Request Units may be needed.',
        });
        res.writeHead(429, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-ms-retry-after-ms': String(options.retryAfterMs),
          'x-ms-substatus': '3200',
          'x-ms-request-charge': '0',
          'x-ms-activity-id': crypto.randomUUID(),
        });
        res.end(body);
      });
      return;
    }
    forwarded.push(seen);
    const outbound = request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        agent: upstream,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    outbound.on('error', () => res.destroy());
    req.pipe(outbound);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${port}`,
    throttled,
    forwarded,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        upstream.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
