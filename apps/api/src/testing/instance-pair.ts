import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer, type RedisServerHandle } from '@salescoach/realtime/testing';
import { startTestStack, type TestStack, type TestStackOptions } from './test-stack.js';

export interface InstancePair {
  readonly a: TestStack;
  readonly b: TestStack;
  readonly redis: RedisServerHandle;
  /** Both instances' tools connected (the hub connects in the background). */
  toolsReady(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Two API instances on one Redis (BUS=redis) and one SQLite data dir, as two processes of a
 * scale-out deployment share them: the set-up of the two-instance system tests. `options`
 * go to both instances; `env` adds to (or overrides) the shared BUS/REDIS_URL/STORE.
 */
export async function startInstancePair(
  options: Omit<TestStackOptions, 'dataDir'> = {},
): Promise<InstancePair> {
  const redis = await startRedisServer();
  const dataDir = await mkdtemp(join(tmpdir(), 'salescoach-pair-'));
  const started: TestStack[] = [];
  const close = async () => {
    await Promise.allSettled(started.map((stack) => stack.close()));
    await redis.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const shared: TestStackOptions = {
      ...options,
      dataDir,
      env: { BUS: 'redis', REDIS_URL: redis.url, STORE: 'sqlite', ...options.env },
    };
    // One after the other: the first creates the data dir's signing key and schema.
    const a = await startTestStack(shared);
    started.push(a);
    const b = await startTestStack(shared);
    started.push(b);
    return {
      a,
      b,
      redis,
      toolsReady: async () => {
        await Promise.all([a.toolsReady(), b.toolsReady()]);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
