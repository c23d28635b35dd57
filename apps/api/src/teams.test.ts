import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './testing/test-stack.js';

describe('me.get tells a user their teams (dev teams file)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ crm: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('morgan manages West; alex and sam are in it; riley and admin are in no sales team', async () => {
    const teamsOf = async (user: string) => (await stack.client(user).api.me.get.query()).teams;
    expect(await teamsOf('morgan')).toEqual([
      { id: 'west', name: 'West', role: 'Sales', relation: 'manager' },
    ]);
    for (const rep of ['alex', 'sam'])
      expect(await teamsOf(rep)).toEqual([
        { id: 'west', name: 'West', role: 'Sales', relation: 'member' },
      ]);
    expect(await teamsOf('riley')).toEqual([]);
    expect(await teamsOf('admin')).toEqual([]);
  });
});
