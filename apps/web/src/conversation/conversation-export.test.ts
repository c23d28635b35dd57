import type { Message } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import type { ConversationSource, MessagePage } from './conversation-source.js';
import {
  exportFileName,
  readWholeConversation,
  toJson,
  toMarkdown,
  type ExportedConversation,
} from './conversation-export.js';

const message = (seq: number, overrides: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  conversationId: 's1',
  conversationKind: 'session',
  seq,
  author: { kind: 'user', userId: 'alex', name: 'Alex' },
  content: `line ${seq}`,
  attachments: { tables: [], charts: [] },
  toolCalls: [],
  status: 'complete',
  createdAt: '2026-12-02T10:00:00.000Z',
  updatedAt: '2026-12-02T10:00:00.000Z',
  ...overrides,
});

/** A source over `total` stored messages, paging like the API (ascending pages, `before`). */
function pagedSource(total: number): ConversationSource & { calls: number } {
  const all = Array.from({ length: total }, (_, i) => message(i + 1));
  const source = {
    kind: 'session' as const,
    id: 's1',
    calls: 0,
    async list({ before, limit }: { before?: number; limit: number }): Promise<MessagePage> {
      source.calls += 1;
      const upTo = all.filter((m) => before === undefined || m.seq < before);
      const messages = upTo.slice(-limit);
      return { messages, lastEventId: null, hasMore: upTo.length > messages.length };
    },
    follow: () => () => undefined,
    send: () => Promise.reject(new Error('not used')),
    stop: () => Promise.resolve(),
    myFeedback: () => Promise.resolve([]),
    rate: () => Promise.resolve(),
  };
  return source;
}

describe('conversation export', () => {
  it('reads every page, oldest first, with progress', async () => {
    const source = pagedSource(450);
    const seen: number[] = [];
    const { messages, truncated } = await readWholeConversation(source, (n) => seen.push(n));
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    expect(truncated).toBe(false);
    expect(seen).toEqual([200, 400, 450]);
    expect(source.calls).toBe(3);
  });

  it('writes Markdown with authors, notes and attached tables', () => {
    const exported: ExportedConversation = {
      title: 'Pipeline | Q4',
      kind: 'session',
      id: 's1',
      exportedAt: '2026-12-02T11:00:00.000Z',
      truncated: false,
      messages: [
        message(1, { content: 'How is my pipeline?' }),
        message(2, {
          author: { kind: 'assistant', name: 'Coach' },
          content: 'Here it is.',
          model: { provider: 'offline', name: 'offline' },
          attachments: {
            tables: [
              { columns: ['Deal', 'Amount'], rows: [['Contoso | EU', '$10']], numericColumns: [1] },
            ],
            charts: [],
          },
        }),
        message(3, { author: { kind: 'user', userId: 'sam', name: 'Sam' }, content: 'Thanks' }),
      ],
    };
    expect(toMarkdown(exported, 'alex')).toBe(
      [
        '# Pipeline | Q4',
        '',
        '_Exported from SalesCoach on 2026-12-02T11:00:00.000Z_',
        '',
        '### Alex (you) · 2026-12-02T10:00:00.000Z',
        '',
        'How is my pipeline?',
        '',
        '### Coach · 2026-12-02T10:00:00.000Z (offline model)',
        '',
        'Here it is.',
        '',
        '| Deal | Amount |',
        '| --- | ---: |',
        '| Contoso \\| EU | $10 |',
        '',
        '### Sam · 2026-12-02T10:00:00.000Z',
        '',
        'Thanks',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(toJson(exported))).toEqual(exported);
  });

  it('names the file after the title', () => {
    expect(exportFileName('Q4 pipeline: Contoso & Fabrikam!', 'md')).toBe(
      'q4-pipeline-contoso-fabrikam.md',
    );
    expect(exportFileName('???', 'json')).toBe('conversation.json');
  });
});
