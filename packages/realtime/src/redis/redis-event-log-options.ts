import type { Logger } from '@salescoach/domain';

export interface RedisEventLogOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. */
  readonly url: string;
  /** Events kept per stream (XADD MAXLEN ~, so Redis may keep a little more). */
  readonly maxEvents: number;
  /** Prefix of every key and channel; default `salescoach:`. */
  readonly keyPrefix?: string;
  readonly logger?: Logger;
  /** A stream nobody appends to for this long is deleted by Redis; default one day. */
  readonly streamTtlSeconds?: number;
  /** How long one blocking read waits before it is re-issued; default 5000. */
  readonly blockMs?: number;
}
