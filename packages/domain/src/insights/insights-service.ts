import { forbidden } from '../errors/domain-error.js';
import type { User } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { QuestionLog } from '../ports/question-log.port.js';
import { clusterQuestions, type QuestionCluster } from './cluster-questions.js';

/** Roles that may see insights. */
export const INSIGHTS_ROLES: readonly string[] = ['Manager', 'Admin'];

export interface InsightsOptions {
  /** Cosine similarity at which questions count as the same question (default 0.3). */
  readonly threshold?: number;
  /** The most recent questions considered per request (default 5000). */
  readonly maxQuestions?: number;
  /** Results are reused for this long per window (default 30 s; 0 turns it off). */
  readonly cacheMs?: number;
}

export interface CommonQuestions {
  readonly groups: QuestionCluster[];
  /** Questions in the window that were grouped (before `limit` is applied). */
  readonly totalQuestions: number;
}

const DAY_MS = 86_400_000;

/**
 * "What does my team ask most": recent question fingerprints from the question log,
 * grouped by similarity and ranked. Counts and phrasings only; nobody's name or id.
 */
export class InsightsService {
  private readonly cache = new Map<
    number,
    { at: number; groups: QuestionCluster[]; total: number }
  >();

  constructor(
    private readonly questions: QuestionLog,
    private readonly clock: Clock,
    private readonly options: InsightsOptions = {},
  ) {}

  async commonQuestions(
    user: User,
    input: { days?: number; limit?: number },
  ): Promise<CommonQuestions> {
    if (!user.roles.some((role) => INSIGHTS_ROLES.includes(role))) {
      throw forbidden(`Insights need one of the roles: ${INSIGHTS_ROLES.join(', ')}`);
    }
    const days = clamp(input.days ?? 30, 1, 365);
    const limit = clamp(input.limit ?? 10, 1, 100);
    const { groups, total } = await this.grouped(days);
    return { groups: groups.slice(0, limit), totalQuestions: total };
  }

  private async grouped(days: number): Promise<{ groups: QuestionCluster[]; total: number }> {
    const now = this.clock.now().getTime();
    const cacheMs = this.options.cacheMs ?? 30_000;
    const cached = this.cache.get(days);
    if (cached && now - cached.at < cacheMs) return cached;
    const records = await this.questions.recent({
      limit: this.options.maxQuestions ?? 5_000,
      since: new Date(now - days * DAY_MS).toISOString(),
    });
    const groups = clusterQuestions(records, {
      threshold: this.options.threshold ?? 0.3,
      maxExamples: 3,
    });
    const result = { at: now, groups, total: records.length };
    if (cacheMs > 0) this.cache.set(days, result);
    return result;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(Math.trunc(value), min), max);
}
