import type {
  AnswerLock,
  ReleaseAnswerTurn,
  TurnHolder,
  WaitingQuestion,
} from '@salescoach/domain';

/** The answer turn within one API process (BUS=memory); a shared lock replaces it across instances. */
export class MemoryAnswerLock implements AnswerLock {
  private readonly held = new Map<string, TurnHolder>();
  private readonly waiting = new Map<string, Map<string, readonly WaitingQuestion[]>>();

  async acquire(
    conversationId: string,
    holder: TurnHolder,
  ): Promise<ReleaseAnswerTurn | undefined> {
    if (this.held.has(conversationId)) return undefined;
    this.held.set(conversationId, holder);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      this.held.delete(conversationId);
    };
  }

  async holder(conversationId: string): Promise<TurnHolder | undefined> {
    return this.held.get(conversationId);
  }

  async share(
    conversationId: string,
    instance: string,
    waiting: readonly WaitingQuestion[],
  ): Promise<WaitingQuestion[]> {
    let byInstance = this.waiting.get(conversationId);
    if (!byInstance) {
      byInstance = new Map<string, readonly WaitingQuestion[]>();
      this.waiting.set(conversationId, byInstance);
    }
    if (waiting.length > 0) byInstance.set(instance, [...waiting]);
    else byInstance.delete(instance);
    const all = [...byInstance.values()].flat().sort((a, b) => a.seq - b.seq);
    if (byInstance.size === 0) this.waiting.delete(conversationId);
    return all;
  }
}
