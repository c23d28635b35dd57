import { describe, expect, it } from 'vitest';
import { MemoryPresenceTracker } from './memory-presence-tracker.js';

describe('MemoryPresenceTracker', () => {
  it('counts connections and ignores a second leave', async () => {
    const tracker = new MemoryPresenceTracker();
    const leaveA = await tracker.join('g', { userId: 'u1', name: 'Una' });
    const leaveB = await tracker.join('g', { userId: 'u1', name: 'Una' });
    await tracker.join('g', { userId: 'u2', name: 'Al' });
    await leaveA();
    await leaveA();
    expect((await tracker.online('g')).map((o) => o.userId)).toEqual(['u2', 'u1']);
    await leaveB();
    expect((await tracker.online('g')).map((o) => o.userId)).toEqual(['u2']);
    expect(await tracker.online('other room')).toEqual([]);
  });
});
