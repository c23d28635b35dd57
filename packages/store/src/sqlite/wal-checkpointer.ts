import { Worker } from 'node:worker_threads';

export interface WalCheckpointer {
  /** Stops the worker after one last checkpoint. */
  close(): Promise<void>;
}

export interface WalCheckpointerOptions {
  /** How often the worker copies the WAL into the database file (default 1 s). */
  readonly intervalMs?: number;
  /** A WAL file larger than this is restarted from the start (default 64 MiB). */
  readonly restartAboveBytes?: number;
}

/**
 * The worker's code, plain JavaScript (a worker cannot load TypeScript under every runner).
 * Its own connection copies committed WAL frames into the database file (PASSIVE: never
 * waits for, nor blocks, the writer); a WAL that grew past the bound is restarted (RESTART
 * waits for the writer's current transaction, then the next write starts the file over).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
db.exec('PRAGMA busy_timeout = 2000');
const walBytes = () => { try { return statSync(workerData.file + '-wal').size; } catch { return 0; } };
const checkpoint = () => {
  try {
    const mode = walBytes() > workerData.restartAboveBytes ? 'RESTART' : 'PASSIVE';
    db.exec('PRAGMA wal_checkpoint(' + mode + ')');
  } catch {
    // Busy or closing: the next tick tries again.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the
 * COMMIT that crosses 1,000 WAL pages: it copies them into the database file and syncs it,
 * a pause of several milliseconds for whichever request made that commit. The store's
 * connection turns it off (`PRAGMA wal_autocheckpoint = 0`) and this worker, with a
 * connection of its own, checkpoints on a timer instead. Should the worker fail, `onFailure`
 * is told (the store turns the automatic checkpoint back on).
 */
export function startWalCheckpointer(
  file: string,
  onFailure: (error: Error) => void,
  options: WalCheckpointerOptions = {},
): WalCheckpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      intervalMs: options.intervalMs ?? 1_000,
      restartAboveBytes: options.restartAboveBytes ?? 64 * 1024 * 1024,
    },
  });
  worker.unref();
  let running = true;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      running = false;
      resolve();
    }),
  );
  worker.once('error', (error: Error) => {
    running = false;
    onFailure(error);
  });
  return {
    async close() {
      if (running) worker.postMessage('stop');
      await exited;
    },
  };
}
