import type { Whisper } from '@salescoach/domain';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/api-client.js';
import { unwrapEvent, type StreamItem } from '@salescoach/client/events';

/**
 * The whispers the signed-in member sent or received in one room practice: the stored ones,
 * then their own whisper stream live (resumed by the socket; a resync reloads the list).
 */
export function useWhispers(api: ApiClient, groupId: string, practiceId: string): Whisper[] {
  const [whispers, setWhispers] = useState<Whisper[]>([]);
  useEffect(() => {
    let cancelled = false;
    const ref = { groupId, practiceId };
    const add = (found: readonly Whisper[]) =>
      setWhispers((current) => {
        const known = new Set(current.map((w) => w.id));
        const fresh = found.filter((w) => !known.has(w.id));
        return fresh.length === 0
          ? current
          : [...current, ...fresh].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      });
    const load = () =>
      void api.practice.room.whispers
        .query(ref)
        .then((found) => !cancelled && add(found))
        .catch(() => undefined);
    // Listen first, then load: a whisper sent in between arrives either way (and only once).
    const sub = api.practice.room.whisperEvents.subscribe(
      { ...ref, lastEventId: null },
      {
        onStarted: load,
        onData: (item: StreamItem) => {
          const { event } = unwrapEvent(item);
          if (event.type === 'whisper.created') add([event.whisper]);
          else if (event.type === 'sync.reset') load();
        },
        onError: () => undefined,
      },
    );
    return () => {
      cancelled = true;
      sub.unsubscribe();
    };
  }, [api, groupId, practiceId]);
  return whispers;
}
