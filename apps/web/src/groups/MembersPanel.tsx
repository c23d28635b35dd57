import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC, type Group } from '../api/trpc-react.js';
import { navigate } from '../app/router.js';
import { useSignedIn } from '../app/signed-in-context.js';
import { Avatar } from '../conversation/Avatar.js';

/** What a member without the room's role will be shown: the coach answers with the room's role. */
function roleWarning(name: string, role: string): string {
  return `${name} does not have the ${role} role. The coach answers everyone here with ${role} tools, so ${name} will see ${role} data in its answers.`;
}

/** Who is in the room and who is online; the owner adds and removes people. */
export function MembersPanel({ group, online }: { group: Group; online: ReadonlySet<string> }) {
  const { me } = useSignedIn();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const owner = group.ownerId === me.id;
  const directory = useQuery({ ...trpc.groups.directory.queryOptions(), enabled: owner });
  const [pick, setPick] = useState('');
  const [added, setAdded] = useState<{ name: string; lacksRole: boolean } | null>(null);
  const refresh = (next: Group) => {
    queryClient.setQueryData(trpc.groups.get.queryKey({ groupId: group.id }), next);
    void queryClient.invalidateQueries({ queryKey: trpc.groups.list.queryKey() });
  };
  const add = useMutation(
    trpc.groups.members.add.mutationOptions({ onSuccess: (result) => refresh(result.group) }),
  );
  const remove = useMutation(trpc.groups.members.remove.mutationOptions({ onSuccess: refresh }));
  const afterExit = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.groups.list.queryKey() });
    navigate('/groups');
  };
  const leave = useMutation(trpc.groups.leave.mutationOptions({ onSuccess: afterExit }));
  const remove_group = useMutation(trpc.groups.delete.mutationOptions({ onSuccess: afterExit }));

  const memberIds = new Set(group.members.map((m) => m.userId));
  const candidates = (directory.data ?? []).filter((p) => !memberIds.has(p.userId));
  const picked = candidates.find((c) => c.userId === pick);
  const pickedLacksRole = picked !== undefined && !picked.roles.includes(group.role);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const person = picked;
    if (person)
      add.mutate(
        { groupId: group.id, userId: person.userId },
        {
          onSuccess: (result) => {
            setPick('');
            setAdded({ name: person.name, lacksRole: result.warning !== null });
          },
        },
      );
  };
  const problem = add.error ?? remove.error ?? leave.error ?? remove_group.error;

  return (
    <section className="members" aria-labelledby="members-title">
      <h2 id="members-title">
        Members <span className="muted small">({group.members.length})</span>
      </h2>
      <ul className="member-list">
        {group.members.map((m) => (
          <li key={m.userId}>
            <Avatar name={m.name} />
            <span className="member-name">
              {m.name}
              {m.userId === me.id && <span className="muted small"> (you)</span>}
              {m.kind === 'owner' && <span className="badge">owner</span>}
            </span>
            <span
              className={online.has(m.userId) ? 'presence on' : 'presence'}
              aria-label={online.has(m.userId) ? 'online' : 'offline'}
              role="img"
            />
            {owner && m.userId !== me.id && (
              <button
                type="button"
                className="ghost small"
                aria-label={`Remove ${m.name}`}
                onClick={() => remove.mutate({ groupId: group.id, userId: m.userId })}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {owner && (
        <form className="add-member" onSubmit={submit}>
          <label htmlFor="add-member">Add a person</label>
          <div className="row">
            <select id="add-member" value={pick} onChange={(e) => setPick(e.target.value)}>
              <option value="">Choose…</option>
              {candidates.map((c) => (
                <option key={c.userId} value={c.userId}>
                  {c.name} ({c.roles.join(', ')})
                </option>
              ))}
            </select>
            <button type="submit" className="small" disabled={!pick || add.isPending}>
              Add
            </button>
          </div>
          {pickedLacksRole && (
            <p className="warning small" id="add-member-warning">
              {roleWarning(picked.name, group.role)}
            </p>
          )}
        </form>
      )}
      {added && (
        <p className={added.lacksRole ? 'warning small' : 'muted small'} role="status">
          {added.lacksRole
            ? `${added.name} was added. ${roleWarning(added.name, group.role)}`
            : `${added.name} was added.`}
        </p>
      )}
      {problem && (
        <p className="error small" role="alert">
          {readableError(problem)}
        </p>
      )}
      <div className="form-actions">
        {owner ? (
          <button
            type="button"
            className="danger small"
            onClick={() =>
              window.confirm(`Delete the room "${group.name}" for everyone?`) &&
              remove_group.mutate({ groupId: group.id })
            }
          >
            Delete room
          </button>
        ) : (
          <button
            type="button"
            className="ghost small"
            onClick={() => leave.mutate({ groupId: group.id })}
          >
            Leave room
          </button>
        )}
      </div>
    </section>
  );
}
