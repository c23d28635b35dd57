import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { toIsoDate } from '../calendar.js';
import type { CrmDataset } from '../crm-model.js';
import { DEFAULT_SEED, generateDataset } from '../dataset.js';
import {
  accountFrom,
  activityFrom,
  contactFrom,
  CRM_TABLES,
  insertSeed,
  opportunityFrom,
  repFrom,
  SEEDED_TABLES,
} from './crm-tables.js';

type ReadTable = 'reps' | 'accounts' | 'contacts' | 'opportunities' | 'activities';
const ORDER: Record<ReadTable, string> = {
  reps: 'ord',
  accounts: 'ord',
  contacts: 'ord',
  opportunities: 'ord',
  // Newest day first; within a day, what was logged here (newest first) before the seed's.
  activities: 'date DESC, logged_by IS NULL, CASE WHEN logged_by IS NULL THEN seq ELSE -seq END',
};

export interface CrmStoreOptions {
  /** SQLite file (its directory is created), or `:memory:` for a throwaway store. */
  readonly file: string;
  /** Seed of the dataset written on first start (and by a reset). */
  readonly seed?: number;
  /** "Today" for the reads and date checks, and the day a first seed is generated around. */
  readonly now?: Date;
}

/** What the CRM remembers about a write made with an idempotency key. */
export interface IdempotentRecord {
  readonly tool: string;
  readonly request: string;
  readonly result: Record<string, unknown>;
}

/**
 * The CRM's own embedded store (node:sqlite). The first open of an empty file seeds it with the
 * deterministic dataset; later opens keep what was written. Reads see a snapshot that is
 * rebuilt after every write, so the read tools always see the latest changes.
 */
export class CrmStore {
  private snapshot: CrmDataset | undefined;
  private readonly tables = new Map<ReadTable, unknown[]>();
  private version: number | undefined;
  private checked = false;
  private constructor(
    readonly db: DatabaseSync,
    private readonly options: CrmStoreOptions,
  ) {}

  static open(options: CrmStoreOptions): CrmStore {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    const db = new DatabaseSync(options.file);
    try {
      db.exec('PRAGMA busy_timeout = 5000');
      if (options.file !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      db.exec(CRM_TABLES);
      const store = new CrmStore(db, options);
      if (!store.seeded()) store.reset();
      return store;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** "Today" for reads and date checks: `now` when given (tests), else the clock's day. */
  get todayIso(): string {
    return toIsoDate(this.options.now ?? new Date());
  }

  private seeded(): boolean {
    return this.db.prepare("SELECT value FROM meta WHERE key = 'seededAt'").get() !== undefined;
  }

  /** Replaces every record with the seeded dataset (for demos and tests). */
  reset(options: { seed?: number; now?: Date } = {}): void {
    const seed = options.seed ?? this.options.seed ?? DEFAULT_SEED;
    const now = options.now ?? this.options.now ?? new Date();
    const data = generateDataset(seed, now);
    this.transaction(() => {
      for (const table of SEEDED_TABLES) this.db.exec(`DELETE FROM ${table}`);
      this.db.exec("DELETE FROM sqlite_sequence WHERE name = 'activities'");
      insertSeed(this.db, data);
      const meta = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
      meta.run('seed', String(seed));
      meta.run('seededFor', data.today);
      meta.run('seededAt', new Date().toISOString());
    });
    this.forget();
  }

  /**
   * The current records, as the read queries see them. Each table is read once and kept until
   * this store writes to it, or until another process commits to the file (a `pnpm crm:reset`
   * while the CRM runs: SQLite's data_version moves).
   */
  dataset(): CrmDataset {
    // One look at the file's version per task: a query reads the dataset many times over.
    if (this.snapshot && this.checked) return this.snapshot;
    this.checked = true;
    queueMicrotask(() => (this.checked = false));
    const version = Number(this.db.prepare('PRAGMA data_version').get()?.data_version);
    if (version !== this.version) {
      this.version = version;
      this.tables.clear();
      this.snapshot = undefined;
    }
    // A CRM that runs past midnight moves on to the new day.
    const today = this.todayIso;
    if (this.snapshot?.today !== today)
      this.snapshot = {
        today,
        reps: this.table('reps', repFrom),
        accounts: this.table('accounts', accountFrom),
        contacts: this.table('contacts', contactFrom),
        opportunities: this.table('opportunities', opportunityFrom),
        activities: this.table('activities', activityFrom),
      };
    return this.snapshot;
  }

  private table<T>(name: ReadTable, map: (row: Record<string, unknown>) => T): T[] {
    const cached = this.tables.get(name) as T[] | undefined;
    if (cached) return cached;
    const rows = this.db.prepare(`SELECT * FROM ${name} ORDER BY ${ORDER[name]}`).all().map(map);
    this.tables.set(name, rows);
    return rows;
  }

  private forget(table?: string): void {
    if (table === undefined) this.tables.clear();
    else this.tables.delete(table as ReadTable);
    this.snapshot = undefined;
  }

  /**
   * Runs synchronous `work` in one write transaction (BEGIN IMMEDIATE). A thrown error rolls
   * everything back, and the next read reads the tables again.
   */
  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      this.forget();
      throw error;
    }
  }

  /** Runs one write statement on `table` (inside `transaction`); later reads see its effect. */
  execute(table: string, sql: string, ...params: (string | number | null)[]): void {
    this.db.prepare(sql).run(...params);
    this.forget(table);
  }

  /** The write made earlier by `caller` with `key`, if any. */
  findIdempotent(caller: string, key: string): IdempotentRecord | undefined {
    const row = this.db
      .prepare('SELECT tool, request, result FROM idempotency WHERE caller = ? AND key = ?')
      .get(caller, key);
    if (!row) return undefined;
    return {
      tool: String(row.tool),
      request: String(row.request),
      result: JSON.parse(String(row.result)) as Record<string, unknown>,
    };
  }

  /** Remembers a write's result under its key; call inside the write's transaction. */
  saveIdempotent(caller: string, key: string, record: IdempotentRecord): void {
    this.execute(
      'idempotency',
      'INSERT INTO idempotency VALUES (?, ?, ?, ?, ?, ?)',
      caller,
      key,
      record.tool,
      record.request,
      JSON.stringify(record.result),
      new Date().toISOString(),
    );
  }

  /** The next free id with a prefix, e.g. `act-02417` after `act-02416`. */
  nextId(table: 'activities' | 'discount_requests', prefix: string, width: number): string {
    const row = this.db
      .prepare(
        `SELECT MAX(CAST(SUBSTR(id, ${prefix.length + 1}) AS INTEGER)) AS n FROM ${table} WHERE id LIKE ?`,
      )
      .get(`${prefix}%`);
    const next = Number(row?.n ?? 0) + 1;
    return `${prefix}${String(next).padStart(width, '0')}`;
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

/** Puts the seeded dataset back into a CRM store file (creating it if needed). */
export function resetCrmStore(options: CrmStoreOptions): void {
  const store = CrmStore.open(options);
  try {
    store.reset();
  } finally {
    store.close();
  }
}
