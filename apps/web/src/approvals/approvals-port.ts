import type { ApiClient } from '../api/api-client.js';
import { unwrapEvent } from '@salescoach/client/events';
import type { ApprovalsPort } from './ApprovalsProvider.js';

/** The approval screens' port over the typed client (`approvals.*`). */
export function approvalsPort(api: ApiClient): ApprovalsPort {
  return {
    list: () => api.approvals.list.query({}),
    get: (id) => api.approvals.get.query({ id }),
    decide: (id, decision) => api.approvals.decide.mutate({ id, ...decision }),
    follow(lastEventId, handlers) {
      const sub = api.approvals.events.subscribe(
        { lastEventId },
        {
          onStarted: handlers.onStarted,
          onData(item) {
            const { event, id } = unwrapEvent(item);
            if (event.type === 'tool.awaiting_approval' || event.type === 'approval.decided')
              handlers.onApproval(event.approval, id);
          },
          onError: handlers.onError,
        },
      );
      return () => sub.unsubscribe();
    },
  };
}
