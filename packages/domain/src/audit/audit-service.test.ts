import { describe, expect, it } from 'vitest';
import { DomainErrorCode } from '../errors/domain-error.js';
import type { User } from '../model/user.js';
import { StaticTeamDirectory } from '../team/static-team-directory.js';
import type { AuditQuery } from '../ports/audit-log.port.js';
import { AuditService } from './audit-service.js';

const person = (id: string, roles: string[]): User => ({
  id,
  tenantId: 'dev',
  name: id,
  email: `${id}@example.com`,
  roles,
});
const teams = new StaticTeamDirectory({
  teams: [
    { id: 'west', name: 'West', role: 'Sales', managers: ['morgan'], members: ['alex', 'sam'] },
    { id: 'east', name: 'East', role: 'Sales', managers: ['casey'], members: ['jo'] },
  ],
});

function service() {
  const queries: AuditQuery[] = [];
  const svc = new AuditService({
    log: {
      append: async () => undefined,
      list: async (query) => {
        queries.push(query);
        return [];
      },
    },
    teams,
    clock: { now: () => new Date('2026-05-01T00:00:00Z') },
  });
  return { svc, queries };
}

describe('audit service', () => {
  it('scopes a Manager to their own calls and their teams’ members’, an Admin to all', async () => {
    const { svc, queries } = service();
    await svc.list(person('morgan', ['Manager']), {});
    await svc.list(person('admin', ['Admin']), { userId: 'jo' });
    expect(queries[0]!.scope).toEqual({ userIds: ['morgan', 'alex', 'sam'], teamIds: ['west'] });
    expect(queries[1]).toEqual({ userId: 'jo', limit: 51 });
  });

  it('refuses everyone else, whatever they filter on', async () => {
    const { svc, queries } = service();
    for (const roles of [['Sales'], ['HR'], []])
      await expect(svc.list(person('alex', roles), { userId: 'alex' })).rejects.toMatchObject({
        code: DomainErrorCode.Forbidden,
      });
    await expect(svc.export(person('sam', ['Sales']), { format: 'csv' })).rejects.toMatchObject({
      code: DomainErrorCode.Forbidden,
    });
    expect(queries).toEqual([]);
  });

  it('refuses dates and cursors it cannot read', async () => {
    const { svc } = service();
    const morgan = person('morgan', ['Manager']);
    await expect(svc.list(morgan, { since: 'yesterday' })).rejects.toMatchObject({
      code: DomainErrorCode.Invalid,
    });
    await expect(svc.list(morgan, { cursor: "x' OR 1=1" })).rejects.toMatchObject({
      code: DomainErrorCode.Invalid,
    });
  });
});
