import type { SearchResult } from '@salescoach/domain';
import { useEffect, useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { useSignedIn } from '../app/signed-in-context.js';

const DEBOUNCE_MS = 250;
const PAGE = 20;

export interface MessageSearchState {
  readonly results: SearchResult[];
  readonly status: 'idle' | 'searching' | 'done' | 'failed';
  readonly error: string | null;
  readonly hasMore: boolean;
  readonly loadMore: () => void;
}

/** Searches as the user types (after a short pause); older queries' answers are dropped. */
export function useMessageSearch(query: string): MessageSearchState {
  const { client } = useSignedIn();
  const [results, setResults] = useState<SearchResult[]>([]);
  const [status, setStatus] = useState<MessageSearchState['status']>('idle');
  const [error, setError] = useState<string | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState<{ query: string; cursor: string } | null>(null);

  useEffect(() => {
    const text = query.trim();
    setCursor(null);
    setMore(null);
    if (!text) {
      setResults([]);
      setStatus('idle');
      setError(null);
      return;
    }
    let live = true;
    setStatus('searching');
    const timer = setTimeout(() => {
      client.search.messages.query({ query: text, limit: PAGE }).then(
        (page) => {
          if (!live) return;
          setResults(page.results);
          setCursor(page.nextCursor);
          setStatus('done');
          setError(null);
        },
        (err: unknown) => {
          if (!live) return;
          setResults([]);
          setStatus('failed');
          setError(readableError(err));
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, query]);

  useEffect(() => {
    if (!more) return;
    let live = true;
    client.search.messages.query({ query: more.query, cursor: more.cursor, limit: PAGE }).then(
      (page) => {
        if (!live) return;
        setResults((r) => [...r, ...page.results]);
        setCursor(page.nextCursor);
      },
      (err: unknown) => live && setError(readableError(err)),
    );
    return () => {
      live = false;
    };
  }, [client, more]);

  return {
    results,
    status,
    error,
    hasMore: cursor !== null,
    loadMore: () => cursor && setMore({ query: query.trim(), cursor }),
  };
}
