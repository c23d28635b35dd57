import type { ElicitationView } from '@salescoach/domain';
import { useContext, useState } from 'react';
import { SignedInContext } from '../app/signed-in-context.js';
import { ElicitationForm } from './ElicitationForm.js';

/** A tool's request for input, inside the answer running it, for the asker only. */
export function MessageElicitation({ elicitation }: { elicitation: ElicitationView }) {
  const signedIn = useContext(SignedInContext);
  const [answered, setAnswered] = useState(false);
  if (!signedIn || answered || elicitation.askedBy.id !== signedIn.me.id) return null;
  return (
    <ElicitationForm
      elicitation={elicitation}
      onRespond={async (action, content) => {
        await signedIn.client.elicitations.respond.mutate({
          id: elicitation.id,
          action,
          ...(action === 'accept' && content ? { content } : {}),
        });
        setAnswered(true);
      }}
    />
  );
}
