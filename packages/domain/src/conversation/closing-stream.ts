/**
 * Runs `read` as a stream and `close` once it ends, fails or is closed by its reader —
 * including a stream closed before its first read, whose `finally` would never run.
 * `close` must be safe to call twice.
 */
export function closingStream<T>(
  read: () => AsyncGenerator<T>,
  close: () => Promise<void>,
): AsyncGenerator<T> {
  const generator = (async function* (): AsyncGenerator<T> {
    try {
      yield* read();
    } finally {
      await close();
    }
  })();
  const finish = generator.return.bind(generator);
  generator.return = async (value) => {
    await close();
    return finish(value);
  };
  return generator;
}
