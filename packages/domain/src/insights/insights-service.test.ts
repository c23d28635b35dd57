import { describe, expect, it } from 'vitest';
import { DomainErrorCode } from '../errors/domain-error.js';
import type { User } from '../model/user.js';
import type { QuestionLog, QuestionRecord } from '../ports/question-log.port.js';
import type { TextEmbedder } from '../ports/text-embedder.port.js';
import { InsightsService } from './insights-service.js';
import { createQuestionRecorder } from './question-recorder.js';
import { questionTerms, stem } from './question-terms.js';

/** The question log port kept in an array (most recent first on read, like the adapters). */
function arrayQuestionLog(): QuestionLog & { records: QuestionRecord[] } {
  const records: QuestionRecord[] = [];
  return {
    records,
    async add(record) {
      records.push(record);
    },
    async recent({ limit, since }) {
      return records
        .filter((r) => !since || Date.parse(r.askedAt) >= Date.parse(since))
        .sort((a, b) => Date.parse(b.askedAt) - Date.parse(a.askedAt))
        .slice(0, limit);
    },
  };
}

const user = (id: string, roles: string[]): User => ({
  id,
  tenantId: 'dev',
  name: id,
  email: `${id}@example.com`,
  roles,
});
const manager = user('morgan', ['Manager']);
const admin = user('admin', ['Admin']);
const rep = user('alex', ['Sales']);

const NOW = Date.parse('2025-03-31T12:00:00.000Z');
const clock = { now: () => new Date(NOW) };

const PIPELINE = [
  'How is my pipeline?',
  "How's my pipeline looking this quarter?",
  'What does my pipeline look like?',
  'Show me my pipeline',
  'pipeline status please',
];
const PRICE = [
  'How do I handle price objections?',
  'Contoso pushes back on price, how should I handle it?',
  'Best way to handle pricing objections from procurement',
  'Handling a price objection',
];
const FORECAST = [
  "What's my forecast for this quarter?",
  'Will I hit my forecast this quarter?',
  'Quarterly forecast',
  'forecast for the quarter',
];
const UNRELATED = [
  'Which deals are at risk of slipping?',
  'Write a follow-up email to Fabrikam',
  'Who are the contacts at Northwind?',
];

async function seededLog(): Promise<ReturnType<typeof arrayQuestionLog>> {
  const log = arrayQuestionLog();
  const record = createQuestionRecorder(log, clock);
  const corpus = [...PIPELINE, ...PRICE, ...FORECAST, ...UNRELATED];
  // Interleave the themes in time, as real traffic would.
  const order = corpus.map((text, i) => ({ text, key: (i * 7) % corpus.length }));
  order.sort((a, b) => a.key - b.key);
  for (const [i, { text }] of order.entries()) {
    await record({
      text,
      role: i % 3 === 0 ? 'Manager' : 'Sales',
      conversationKind: i % 2 === 0 ? 'session' : 'group',
      askedAt: new Date(NOW - (order.length - i) * 3_600_000).toISOString(),
    });
  }
  return log;
}

describe('question fingerprints', () => {
  it('normalises case, punctuation, stop words and word forms', () => {
    expect(questionTerms('How do I handle PRICE objections?!')).toEqual([
      'handl',
      'pric',
      'objection',
    ]);
    expect(questionTerms('Handling pricing objection')).toEqual(['handl', 'pric', 'objection']);
    expect(questionTerms("What's my quarterly forecast?")).toEqual(['quarter', 'forecast']);
    expect(questionTerms('Thanks!')).toEqual([]);
  });

  it('stems plurals and common suffixes to one form', () => {
    expect(stem('opportunities')).toBe(stem('opportunity'));
    expect(stem('closing')).toBe(stem('close'));
    expect(stem('forecasts')).toBe('forecast');
    expect(stem('stopped')).toBe('stop');
    expect(stem('status')).toBe('status');
    expect(stem('q3')).toBe('q3');
  });

  it('stores terms with the question and skips messages without any', async () => {
    const log = arrayQuestionLog();
    const record = createQuestionRecorder(log, clock);
    await record({
      text: '  Show me my pipeline  ',
      role: 'Sales',
      conversationKind: 'session',
      askedAt: '2025-03-01T10:00:00.000Z',
    });
    await record({
      text: 'thanks!',
      role: 'Sales',
      conversationKind: 'session',
      askedAt: '2025-03-01T10:01:00.000Z',
    });
    expect(log.records).toHaveLength(1);
    expect(log.records[0]).toMatchObject({
      text: 'Show me my pipeline',
      role: 'Sales',
      conversationKind: 'session',
      terms: ['pipelin'],
    });
  });
});

describe('InsightsService.commonQuestions', () => {
  it('groups paraphrases together and keeps unrelated questions apart', async () => {
    const insights = new InsightsService(await seededLog(), clock);
    const result = await insights.commonQuestions(manager, { days: 30, limit: 20 });

    expect(result.totalQuestions).toBe(
      PIPELINE.length + PRICE.length + FORECAST.length + UNRELATED.length,
    );
    const membersOf = (g: { label: string; examples: readonly string[] }) => [
      g.label,
      ...g.examples,
    ];
    const themes = [PIPELINE, PRICE, FORECAST];
    // The three themes come first (largest groups), each exactly once and complete.
    const top = result.groups.slice(0, 3);
    expect(top.map((g) => g.count)).toEqual([PIPELINE.length, PRICE.length, FORECAST.length]);
    for (const theme of themes) {
      const group = top.find((g) => theme.includes(g.label));
      expect(group?.count).toBe(theme.length);
      expect(theme).toEqual(expect.arrayContaining(membersOf(group!)));
    }
    // Each unrelated question stands alone.
    const rest = result.groups.slice(3);
    expect(rest.map((g) => g.count)).toEqual(UNRELATED.map(() => 1));
    expect(rest.map((g) => g.label).sort()).toEqual([...UNRELATED].sort());
  });

  it('describes a group: central label, up to three other phrasings, time range and roles, no people', async () => {
    const insights = new InsightsService(await seededLog(), clock);
    const { groups } = await insights.commonQuestions(admin, {});
    const pipeline = groups[0]!;
    expect(pipeline.examples).toHaveLength(3);
    expect(pipeline.examples).not.toContain(pipeline.label);
    expect(Date.parse(pipeline.firstSeen)).toBeLessThan(Date.parse(pipeline.lastSeen));
    expect([...pipeline.roles].sort()).toEqual(['Manager', 'Sales']);
    expect(Object.keys(pipeline).sort()).toEqual([
      'count',
      'examples',
      'firstSeen',
      'label',
      'lastSeen',
      'roles',
    ]);
  });

  it('counts only the questions in the window and honours the limit', async () => {
    const log = await seededLog();
    await log.add({
      id: 'old',
      text: 'How is my pipeline?',
      role: 'Sales',
      conversationKind: 'session',
      askedAt: '2024-01-01T00:00:00.000Z',
      terms: ['pipelin'],
    });
    const insights = new InsightsService(log, clock, { cacheMs: 0 });
    const result = await insights.commonQuestions(manager, { days: 30, limit: 2 });
    expect(result.groups).toHaveLength(2);
    expect(result.groups[0]!.count).toBe(PIPELINE.length);
    expect(result.totalQuestions).toBe(log.records.length - 1);
  });

  it('is for managers and admins only', async () => {
    const insights = new InsightsService(await seededLog(), clock);
    await expect(insights.commonQuestions(rep, {})).rejects.toMatchObject({
      code: DomainErrorCode.Forbidden,
    });
    await expect(insights.commonQuestions(user('riley', ['HR']), {})).rejects.toMatchObject({
      code: DomainErrorCode.Forbidden,
    });
    await expect(insights.commonQuestions(manager, {})).resolves.toMatchObject({
      totalQuestions: 16,
    });
  });
});

describe('insights with an embedding model', () => {
  /** A stand-in for the provider's embedding model: one dimension per topic. */
  const topics = [/forecast|quota|number|target/i, /price|pricing|discount/i];
  const embedder: TextEmbedder = {
    embed: async (text: string) => [...topics.map((pattern) => (pattern.test(text) ? 1 : 0)), 0.05],
  };

  async function record(texts: string[], withEmbedder: TextEmbedder | undefined) {
    const log = arrayQuestionLog();
    const add = createQuestionRecorder(log, clock, withEmbedder);
    for (const [i, text] of texts.entries()) {
      await add({
        text,
        role: 'Sales',
        conversationKind: 'session',
        askedAt: new Date(NOW - (i + 1) * 60_000).toISOString(),
      });
    }
    return log;
  }

  const sameMeaning = [
    "What's my forecast?",
    'Am I going to hit quota?',
    'Will the team make its number?',
  ];

  it('groups questions by meaning when the words differ', async () => {
    const log = await record([...sameMeaning, 'Can I offer a discount?'], embedder);
    expect(log.records.every((r) => r.vector?.length === 3)).toBe(true);
    const result = await new InsightsService(log, clock).commonQuestions(manager, {});
    expect(result.groups.map((g) => g.count)).toEqual([3, 1]);
  });

  it('falls back to terms when the questions have no embeddings', async () => {
    const log = await record([...sameMeaning, 'Can I offer a discount?'], undefined);
    const result = await new InsightsService(log, clock).commonQuestions(manager, {});
    expect(result.groups.map((g) => g.count)).toEqual([1, 1, 1, 1]);
  });

  it('keeps the question (terms only) when the embedding model fails', async () => {
    const failing: TextEmbedder = { embed: async () => Promise.reject(new Error('model down')) };
    const log = await record(['How is my pipeline?'], failing);
    expect(log.records).toHaveLength(1);
    expect(log.records[0]?.vector).toBeUndefined();
  });
});
