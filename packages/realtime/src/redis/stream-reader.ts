import type { Logger } from '@salescoach/domain';
import type { Redis } from 'ioredis';
import { failOnClose } from './redis-connections.js';
import { newerStreamId } from './stream-id.js';

/** One stream entry as Redis returns it: the id and a flat field/value list. */
export type RawStreamEntry = [id: string, fields: string[]];

export interface StreamReaderOptions {
  /** The dedicated connection that blocks in XREAD. */
  readonly reader: Redis;
  /** Another connection, used to interrupt the blocked read when the set of streams changes. */
  readonly control: Redis;
  readonly blockMs: number;
  readonly logger: Logger;
  readonly onEntries: (key: string, entries: RawStreamEntry[]) => void;
}

const BATCH = 500;
const UNBLOCK_ATTEMPTS = 40;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The instance's single blocking reader: one XREAD BLOCK over every stream that has local
 * subscribers, from the last id delivered per stream. When the set of streams changes the
 * blocked read is interrupted (CLIENT UNBLOCK) and re-issued; after a lost connection it
 * resumes from the same ids, so nothing is lost or delivered twice.
 */
export class StreamReader {
  private readonly cursors = new Map<string, string>();
  private clientId: string | undefined;
  private reading = false;
  private dirty = false;
  private unblocking = false;
  private wakeIdle: (() => void) | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: StreamReaderOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  isTracking(key: string): boolean {
    return this.cursors.has(key);
  }

  /** Starts reading `key` after `fromId` (no effect if it is already read). */
  track(key: string, fromId: string): void {
    if (this.cursors.has(key)) return;
    this.cursors.set(key, fromId);
    this.changed();
  }

  untrack(key: string): void {
    if (this.cursors.delete(key)) this.changed();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeIdle?.();
    this.options.reader.disconnect();
    await this.loop;
  }

  private changed(): void {
    this.dirty = true;
    if (this.wakeIdle) {
      this.wakeIdle();
      return;
    }
    if (this.reading) void this.interrupt();
  }

  /** Wakes the blocked XREAD so it is re-issued with the new set of streams. */
  private async interrupt(): Promise<void> {
    if (this.unblocking) return;
    this.unblocking = true;
    try {
      for (
        let attempt = 0;
        attempt < UNBLOCK_ATTEMPTS && this.reading && this.dirty && !this.stopped;
        attempt += 1
      ) {
        const id = this.clientId;
        if (id !== undefined) {
          const unblocked = await this.options.control.call('CLIENT', 'UNBLOCK', id);
          if (unblocked === 1) return;
        }
        // The read may not have reached the server yet: try again shortly.
        await sleep(10);
      }
    } catch (error) {
      // The block timeout re-issues the read anyway; nothing is lost, only delayed.
      this.options.logger.debug(
        { err: (error as Error).name },
        'could not interrupt the stream reader',
      );
    } finally {
      this.unblocking = false;
    }
  }

  private async run(): Promise<void> {
    const { reader, logger } = this.options;
    let failures = 0;
    while (!this.stopped) {
      if (this.cursors.size === 0) {
        await new Promise<void>((resolve) => {
          this.wakeIdle = resolve;
        });
        this.wakeIdle = undefined;
        continue;
      }
      let keys: string[] = [];
      try {
        this.clientId ??= String(await failOnClose(reader, reader.call('CLIENT', 'ID')));
        // No await between taking the set of streams and sending the read: a change after
        // this point sees `reading` and interrupts it.
        this.dirty = false;
        keys = [...this.cursors.keys()];
        if (keys.length === 0) continue;
        const ids = keys.map((k) => this.cursors.get(k) as string);
        this.reading = true;
        const reply = await failOnClose(
          reader,
          reader.call(
            'XREAD',
            'COUNT',
            BATCH,
            'BLOCK',
            this.options.blockMs,
            'STREAMS',
            ...keys,
            ...ids,
          ),
        );
        this.reading = false;
        if (failures > 0) logger.info({ streams: keys.length }, 'stream reader resumed');
        failures = 0;
        this.deliver(reply);
      } catch (error) {
        this.reading = false;
        this.clientId = undefined;
        if (this.stopped) break;
        failures += 1;
        if (failures === 1) {
          logger.warn(
            { err: (error as Error).name, streams: keys.length },
            'stream reader lost Redis; retrying',
          );
        }
        await sleep(Math.min(50 * failures, 1000));
      }
    }
  }

  private deliver(reply: unknown): void {
    if (!Array.isArray(reply)) return;
    for (const item of reply as [string, RawStreamEntry[]][]) {
      const [key, entries] = item;
      const cursor = this.cursors.get(key);
      if (cursor === undefined || entries.length === 0) continue;
      this.cursors.set(key, newerStreamId(cursor, entries[entries.length - 1]![0]));
      try {
        this.options.onEntries(key, entries);
      } catch (error) {
        this.options.logger.error(
          { err: (error as Error).name },
          'stream entries could not be dispatched',
        );
      }
    }
  }
}
