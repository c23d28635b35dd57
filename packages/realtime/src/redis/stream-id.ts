/** Redis stream ids: `<ms>-<seq>`, both unsigned 64-bit integers. */
const STREAM_ID = /^(\d{1,20})-(\d{1,20})$/;
const U64_MAX = (1n << 64n) - 1n;

export function parseStreamId(id: string): readonly [bigint, bigint] | undefined {
  const match = STREAM_ID.exec(id);
  if (!match) return undefined;
  const ms = BigInt(match[1]!);
  const seq = BigInt(match[2]!);
  return ms <= U64_MAX && seq <= U64_MAX ? [ms, seq] : undefined;
}

/** Negative when `a` is older than `b`. Both must be valid ids. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs, aSeq] = parseStreamId(a) ?? [0n, 0n];
  const [bMs, bSeq] = parseStreamId(b) ?? [0n, 0n];
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}

export function newerStreamId(a: string, b: string): string {
  return compareStreamIds(a, b) >= 0 ? a : b;
}
