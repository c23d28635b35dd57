import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC, type Group } from '../api/trpc-react.js';
import { AiModeChoice } from './AiModeChoice.js';
import { RoomFormActions } from './RoomFormActions.js';
import { RoomTextFields } from './RoomTextFields.js';

/** The owner renames the room, changes its description or when the coach speaks. */
export function RoomSettings({ group, onDone }: { group: Group; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const [aiMode, setAiMode] = useState(group.aiMode);
  const update = useMutation(
    trpc.groups.update.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.groups.get.queryKey({ groupId: group.id }), next);
        void queryClient.invalidateQueries({ queryKey: trpc.groups.list.queryKey() });
        onDone();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    update.mutate({
      groupId: group.id,
      name: name.trim(),
      description: description.trim(),
      aiMode,
    });
  };
  return (
    <form className="room-settings" onSubmit={submit} aria-labelledby="room-settings-title">
      <h2 id="room-settings-title">Room settings</h2>
      <RoomTextFields
        name={name}
        description={description}
        onName={setName}
        onDescription={setDescription}
      />
      <AiModeChoice value={aiMode} onChange={setAiMode} name="room-settings-ai-mode" />
      <RoomFormActions submitLabel="Save" saving={update} onCancel={onDone} small />
    </form>
  );
}
