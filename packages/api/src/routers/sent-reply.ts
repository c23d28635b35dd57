import type { SendResult } from '@salescoach/domain';

/** What a send (or an edit) returns: the stored message and whether it was new. */
export const sentReply = ({ message, created }: SendResult) => ({
  messageId: message.id,
  seq: message.seq,
  created,
  message,
});
