/**
 * A subscription's items that can also be pushed: the WebSocket server may call
 * `deliverTo` instead of reading the iterator, and then gets each item inside the event
 * log's own delivery call, with no promise per item. Reading and pushing are alternatives
 * (one or the other, once); `return()` stops either, and a pushed subscription's sink hears
 * `end` once, after the subscription's own clean-up.
 */
export interface ItemSink<T> {
  item(value: T): void;
  /** The items ended: by themselves, by `return()` or the abort signal, or with `error`. */
  end(error?: unknown): void;
}

export interface PushableItems<T> extends AsyncIterableIterator<T> {
  deliverTo?(sink: ItemSink<T>): void;
}

/** The push entry of a procedure's result, when it has one. */
export function pushEntryOf<T>(result: unknown): ((sink: ItemSink<T>) => void) | undefined {
  const deliverTo = (result as Partial<PushableItems<T>> | null)?.deliverTo;
  return typeof deliverTo === 'function' ? deliverTo.bind(result) : undefined;
}
