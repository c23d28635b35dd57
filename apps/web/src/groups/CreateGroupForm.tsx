import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC, type Group } from '../api/trpc-react.js';
import { navigate } from '../app/router.js';
import { useSignedIn } from '../app/signed-in-context.js';
import { AiModeChoice } from './AiModeChoice.js';
import { RoomFormActions } from './RoomFormActions.js';
import { RoomTextFields } from './RoomTextFields.js';

/** A new room: its name, the role it runs with (one I hold) and when the coach speaks. */
export function CreateGroupForm({ onDone }: { onDone: () => void }) {
  const { me } = useSignedIn();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [role, setRole] = useState(me.roles[0] ?? '');
  const [aiMode, setAiMode] = useState<Group['aiMode']>('mention');
  const create = useMutation(
    trpc.groups.create.mutationOptions({
      onSuccess: (group) => {
        void queryClient.invalidateQueries({ queryKey: trpc.groups.list.queryKey() });
        onDone();
        navigate(`/groups/${group.id}`);
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !role) return;
    create.mutate({
      name: name.trim(),
      description: description.trim() || undefined,
      role,
      aiMode,
    });
  };
  return (
    <form className="card create-group" onSubmit={submit} aria-labelledby="create-group-title">
      <h1 id="create-group-title">New room</h1>
      <RoomTextFields
        name={name}
        description={description}
        onName={setName}
        onDescription={setDescription}
      />
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value)}>
          {me.roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <span className="muted small">
          The coach uses this role's tools for everyone in the room.
        </span>
      </label>
      <AiModeChoice value={aiMode} onChange={setAiMode} name="aiMode" />
      <RoomFormActions submitLabel="Create room" saving={create} onCancel={onDone} />
    </form>
  );
}
