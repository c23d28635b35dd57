import { setTimeout as sleep } from 'node:timers/promises';

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Polls until `done()` holds; false when `timeoutMs` passed first. */
export async function waitUntil(
  done: () => boolean,
  timeoutMs: number,
  everyMs = 10,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

/** Waits until `count()` stops changing for `quietMs` (bounded by `timeoutMs`). */
export async function waitForQuiet(
  count: () => number,
  quietMs: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = count();
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(50);
    const now = count();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return;
    }
  }
}

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
export const pad = (n: number): string => String(n).padStart(4, '0');
