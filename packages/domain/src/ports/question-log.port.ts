/** A question a user asked, kept for insights. Who asked is kept only to scope and count. */
export interface QuestionRecord {
  readonly id: string;
  readonly text: string;
  /** The conversation's role (the session's, or the room's). */
  readonly role: string;
  readonly conversationKind: 'session' | 'group';
  readonly conversationId: string;
  readonly askerId: string;
  /** The asker's teams of this role when asked: the only teams whose insights count it. */
  readonly teamIds: readonly string[];
  /** Asked in (or later moved to) a private session: never counted, never shown. */
  readonly private: boolean;
  readonly askedAt: string;
  /** Normalised terms of the question (lower-case, stemmed, no stop words). */
  readonly terms: readonly string[];
  /** The question's embedding, when an embedding model is configured. */
  readonly vector?: readonly number[];
  /** The cluster the question was assigned to when recorded. */
  readonly clusterId: string;
}

/**
 * A stored group of similar questions. `sum` is the sum of its members' unit vectors (its
 * direction is the centroid), keyed by term, or by dimension for embeddings.
 */
export interface StoredCluster {
  readonly id: string;
  /** `terms`, or `embedding:<size>`: only clusters of one space are compared. */
  readonly space: string;
  readonly sum: Readonly<Record<string, number>>;
  readonly size: number;
  readonly createdAt: string;
}

/** How many questions one asker of one team asked in one cluster on one UTC day (not private). */
export interface ClusterDayCount {
  readonly clusterId: string;
  readonly teamId: string;
  readonly askerId: string;
  /** `YYYY-MM-DD` (UTC). */
  readonly day: string;
  readonly count: number;
}

/**
 * The question log with its incremental clusters and per-day counts. A query reads the
 * counts of a window, so its cost follows clusters × askers × days, not questions ever asked.
 */
export interface QuestionLog {
  /** Stores the question and, unless private, adds one to its cluster's count for each team. */
  add(record: QuestionRecord): Promise<void>;
  /** Clusters of `space` indexed under any of `keys` (terms; `*` for embedding spaces). */
  clusterCandidates(space: string, keys: readonly string[]): Promise<StoredCluster[]>;
  /** Creates or replaces a cluster and indexes it under `keys`. */
  saveCluster(cluster: StoredCluster, keys: readonly string[]): Promise<void>;
  getClusters(ids: readonly string[]): Promise<StoredCluster[]>;
  /** Marks every question of a conversation private (or not) and moves the counts; returns how many changed. */
  setPrivate(conversationId: string, isPrivate: boolean): Promise<number>;
  /** Counts of the given teams from `sinceDay` (inclusive). */
  dayCounts(options: { teamIds: readonly string[]; sinceDay: string }): Promise<ClusterDayCount[]>;
  /** A cluster's questions visible to these teams (not private) since `since`, newest first. */
  sample(options: {
    clusterId: string;
    teamIds: readonly string[];
    since: string;
    limit: number;
  }): Promise<QuestionRecord[]>;
}
