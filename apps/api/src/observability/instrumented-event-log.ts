import type { EventLog } from '@salescoach/domain';
import type { ApiMetrics } from './metrics.js';

/** Counts live subscriptions and times appends, around any event log adapter. */
export function instrumentEventLog(log: EventLog, metrics: ApiMetrics): EventLog {
  return {
    async append(stream, event) {
      const end = metrics.eventAppendSeconds.startTimer();
      try {
        return await log.append(stream, event);
      } finally {
        end();
      }
    },
    readAfter: (stream, afterId, limit) => log.readAfter(stream, afterId, limit),
    latestId: (stream) => log.latestId(stream),
    subscribe(stream, listener) {
      const unsubscribe = log.subscribe(stream, listener);
      metrics.subscriptions.inc();
      let open = true;
      return () => {
        if (!open) return;
        open = false;
        metrics.subscriptions.dec();
        unsubscribe();
      };
    },
    publishEphemeral: (stream, event) => log.publishEphemeral(stream, event),
    ping: () => log.ping(),
    close: () => log.close(),
  };
}
