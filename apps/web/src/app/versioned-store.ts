/**
 * The part of a tab-wide store React reads with `useSyncExternalStore`: listeners, and a
 * version that changes each time the store does.
 */
export abstract class VersionedStore {
  private listeners = new Set<() => void>();
  private version = 0;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes each time the store does (for useSyncExternalStore). */
  readonly snapshot = (): number => this.version;

  /** Tells the readers the store changed. */
  protected changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
