/** A question someone asked, handed to insights (no names, no ids of people). */
export interface AskedQuestion {
  readonly text: string;
  readonly role: string;
  readonly conversationKind: 'session' | 'group';
  readonly askedAt: string;
}
