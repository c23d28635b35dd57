import fc from 'fast-check';

/** What the fuzzer knows of the API: every procedure, and ids that exist (to get past "not found"). */
export interface FuzzTargets {
  /** Procedure paths with their type (query, mutation, subscription). */
  readonly procedures: readonly { path: string; type: string }[];
  /** Real ids of the fuzzing user's own resources. */
  readonly sessionId: string;
  readonly groupId: string;
  /** Planted in generated content: it must never reach a log line. */
  readonly canary: string;
}

/** A string of n characters, cheap to make even when huge. */
const sized = (max: number) =>
  fc
    .integer({ min: 0, max })
    .chain((n) => fc.constantFrom('x', 'é', '\u0000', '𝕏', '<').map((c) => c.repeat(n)));

const awkwardString = (targets: FuzzTargets) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        '../etc/passwd',
        '__proto__',
        'constructor',
        '%00',
        '$where',
        "' OR 1=1 --",
        '{{TODAY_DATE}}',
        '@coach',
      ),
    },
    { weight: 1, arbitrary: sized(250_000) },
    { weight: 1, arbitrary: fc.constant(`ask about ${targets.canary}`) },
  );

const awkwardNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -0),
);

/** Any JSON value, including deep and wide ones. */
export const anyJson = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 2_000 })
      .map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 5_000 })
      .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
  },
);

/** Inputs near the real ones (right keys, real ids, wrong or extreme values), or anything at all. */
export function inputArb(targets: FuzzTargets) {
  const value = fc.oneof(
    awkwardString(targets),
    awkwardNumber,
    fc.boolean(),
    fc.constant(null),
    anyJson,
  );
  const nearValid = fc.record(
    {
      sessionId: fc.oneof(fc.constant(targets.sessionId), fc.uuid(), value),
      groupId: fc.oneof(fc.constant(targets.groupId), fc.uuid(), value),
      content: fc.oneof(awkwardString(targets), value),
      clientMessageId: fc.oneof(fc.uuid(), value),
      title: value,
      name: value,
      role: fc.oneof(fc.constantFrom('Sales', 'Manager', 'HR', 'Admin', 'sales', 'Root'), value),
      aiMode: fc.oneof(fc.constantFrom('mention', 'always'), value),
      userId: fc.oneof(fc.constantFrom('dev:sam', 'dev:alex', 'dev:admin'), value),
      user: fc.oneof(fc.constantFrom('alex', 'admin', 'nobody'), value),
      limit: fc.oneof(awkwardNumber, value),
      before: fc.oneof(awkwardNumber, value),
      lastEventId: fc.oneof(fc.constant(null), fc.string({ maxLength: 300 }), value),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 3, arbitrary: nearValid },
    { weight: 1, arbitrary: value },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

export function pathArb(targets: FuzzTargets) {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...targets.procedures.map((p) => p.path)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'chat',
        'chat.',
        '.',
        '__proto__.toString',
        'chat.send.mutate',
        'constructor',
        'me.get,me.get',
        '_def',
      ),
    },
  );
}

/** One tRPC WebSocket message: well-formed, slightly off, or nonsense in the right places. */
export function trpcMessageArb(targets: FuzzTargets) {
  return fc.record(
    {
      id: fc.oneof(
        fc.integer(),
        fc.string({ maxLength: 10 }),
        fc.constant(null),
        fc.double(),
        fc.object({ maxDepth: 1 }),
      ),
      jsonrpc: fc.oneof(fc.constant('2.0'), fc.string({ maxLength: 5 })),
      method: fc.oneof(
        {
          weight: 6,
          arbitrary: fc.constantFrom('query', 'mutation', 'subscription', 'subscription.stop'),
        },
        {
          weight: 1,
          arbitrary: fc.oneof(fc.constant('connectionParams'), fc.string({ maxLength: 12 })),
        },
      ),
      params: fc.oneof(
        {
          weight: 6,
          arbitrary: fc.record(
            {
              path: pathArb(targets),
              input: inputArb(targets),
              lastEventId: fc.option(fc.string({ maxLength: 50 })),
            },
            { requiredKeys: ['path'] },
          ),
        },
        { weight: 1, arbitrary: anyJson },
      ),
      data: anyJson,
    },
    { requiredKeys: ['method'] },
  );
}

export type Frame = { kind: 'text'; data: string } | { kind: 'binary'; data: Uint8Array };

/** A WebSocket frame: tRPC messages (alone or batched), JSON, text, binary, or over the size limit. */
export function frameArb(targets: FuzzTargets, maxPayloadBytes: number): fc.Arbitrary<Frame> {
  const text = (arb: fc.Arbitrary<string>) => arb.map((data): Frame => ({ kind: 'text', data }));
  return fc.oneof(
    { weight: 12, arbitrary: text(trpcMessageArb(targets).map((m) => JSON.stringify(m))) },
    {
      weight: 2,
      arbitrary: text(
        fc.array(trpcMessageArb(targets), { maxLength: 8 }).map((m) => JSON.stringify(m)),
      ),
    },
    { weight: 2, arbitrary: text(anyJson.map((v) => JSON.stringify(v) ?? 'null')) },
    { weight: 2, arbitrary: text(fc.string({ maxLength: 200 })) },
    {
      weight: 1,
      arbitrary: text(
        fc.constantFrom(
          'PING',
          'PONG',
          '{',
          '[',
          '"',
          '{"id":1,"method":"query","params":',
          '{"id":2,"method":"query","params":{"path":"chat.sessions.get","input":{"__proto__":{"isAdmin":true},"sessionId":"x"}}}',
          '{"id":3,"method":"mutation","params":{"path":"auth.devLogin","input":{"user":"admin","constructor":{"prototype":{"x":1}}}}}',
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 200 }).map((data): Frame => ({ kind: 'binary', data })),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: maxPayloadBytes + 1, max: maxPayloadBytes * 2 })
        .map((n): Frame => ({ kind: 'text', data: 'x'.repeat(n) })),
    },
  );
}

export interface HttpCase {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly batch: boolean;
  readonly query: string | undefined;
  readonly body: string | undefined;
  readonly contentType: string | undefined;
  /** Use the valid token, a junk one, or none. */
  readonly auth: 'valid' | 'junk' | 'none';
}

/** A request to /trpc: any method, path, batch flag, query input, body and content type. */
export function httpCaseArb(targets: FuzzTargets): fc.Arbitrary<HttpCase> {
  const encoded = fc.oneof(
    inputArb(targets).map((v) => JSON.stringify(v) ?? ''),
    fc.string({ maxLength: 100 }),
  );
  return fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
    path: fc.oneof(
      pathArb(targets),
      fc.array(pathArb(targets), { minLength: 2, maxLength: 4 }).map((p) => p.join(',')),
    ),
    batch: fc.boolean(),
    query: fc.option(encoded, { nil: undefined }),
    body: fc.option(
      fc.oneof(
        encoded,
        fc
          .dictionary(fc.constantFrom('0', '1', '2', 'x'), inputArb(targets))
          .map((v) => JSON.stringify(v)),
        fc.integer({ min: 70_000, max: 140_000 }).map((n) => `"${'x'.repeat(n)}"`),
      ),
      { nil: undefined },
    ),
    contentType: fc.option(
      fc.constantFrom(
        'application/json',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'application/x-www-form-urlencoded',
      ),
      { nil: undefined },
    ),
    auth: fc.constantFrom('valid', 'junk', 'none'),
  });
}
