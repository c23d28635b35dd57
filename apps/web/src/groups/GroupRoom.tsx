import type { ConversationEvent, Message } from '@salescoach/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC } from '../api/trpc-react.js';
import { markRead } from '../app/read-marks.js';
import { navigate } from '../app/router.js';
import { useSignedIn } from '../app/signed-in-context.js';
import { Composer } from '../conversation/Composer.js';
import { groupSource } from '../conversation/conversation-source.js';
import { mentionHandle } from '../conversation/mention-completion.js';
import { ExportMenu } from '../conversation/ExportMenu.js';
import { MessageList } from '../conversation/MessageList.js';
import { AssignedPractice } from '../coaching/AssignedPractice.js';
import { RoomPins } from '../coaching/RoomPins.js';
import { useAnswerFeedback } from '../conversation/use-answer-feedback.js';
import { useConversation } from '../conversation/use-conversation.js';
import { useAttentionNotifications } from '../notifications/use-attention-notifications.js';
import { MembersPanel } from './MembersPanel.js';
import { RoomPractices } from './RoomPractices.js';
import { RoomSettings } from './RoomSettings.js';
import { useThrottled } from './use-typing-signal.js';

function typingText(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

/** A live group room (`/groups/:groupId`): people, their messages, and the coach when asked. */
export function GroupRoom({ groupId }: { groupId: string }) {
  const { me, client, renewToken } = useSignedIn();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const group = useQuery(trpc.groups.get.queryOptions({ groupId }));
  const [showMembers, setShowMembers] = useState(false);
  const [editing, setEditing] = useState(false);

  const source = useMemo(() => groupSource(client, groupId), [client, groupId]);
  const shown = useRef<readonly Message[]>([]);
  const notify = useAttentionNotifications(
    me,
    { kind: 'group', title: group.data?.name ?? 'a room' },
    shown,
  );
  const onSideEvent = useCallback(
    (event: ConversationEvent) => {
      notify(event);
      switch (event.type) {
        case 'group.updated':
          queryClient.setQueryData(trpc.groups.get.queryKey({ groupId }), event.group);
          void queryClient.invalidateQueries({ queryKey: trpc.groups.list.queryKey() });
          break;
        case 'member.added':
        case 'member.removed':
          void queryClient.invalidateQueries({ queryKey: trpc.groups.get.queryKey({ groupId }) });
          if (event.type === 'member.removed' && event.userId === me.id) navigate('/groups');
          break;
        case 'group.deleted':
          void queryClient.invalidateQueries({ queryKey: trpc.groups.list.queryKey() });
          navigate('/groups');
          break;
        case 'practice.started':
          void queryClient.invalidateQueries({
            queryKey: trpc.practice.room.list.queryKey({ groupId }),
          });
          break;
        default:
      }
    },
    [groupId, me.id, notify, queryClient, trpc],
  );
  const view = useConversation(source, {
    authorName: me.name,
    onSideEvent,
    onUnauthorized: renewToken,
  });
  shown.current = view.state.messages;
  const feedback = useAnswerFeedback(source);
  const signalTyping = useThrottled(
    () => void client.groups.typing.mutate({ groupId }).catch(() => undefined),
    2_500,
  );

  const online = useMemo(
    () => new Set(view.state.online.map((o) => o.userId)),
    [view.state.online],
  );
  // What is on screen counts as read (the sidebar's unread count is past this mark).
  const lastSeq = view.state.messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (lastSeq > 0) markRead(me.id, groupId, lastSeq);
  }, [groupId, lastSeq, me.id]);

  const typing = view.state.typing.filter((t) => t.userId !== me.id).map((t) => t.name);
  const candidates = useMemo(
    () => [
      'coach',
      ...(group.data?.members ?? [])
        .filter((m) => m.userId !== me.id)
        .map((m) => mentionHandle(m.name)),
    ],
    [group.data, me.id],
  );

  if (group.isError) {
    return (
      <section className="conversation">
        <p role="alert" className="welcome">
          {readableError(group.error)}
        </p>
      </section>
    );
  }
  const g = group.data;
  return (
    <div className="room-layout">
      <section className="conversation" aria-label="Room conversation">
        <header className="conversation-header">
          <div className="room-title">
            <h1 className="conversation-title">{g?.name ?? 'Room'}</h1>
            {g?.description && <p className="room-description small">{g.description}</p>}
            {g && (
              <p className="muted small">
                <span className="badge">{g.role}</span>{' '}
                {g.aiMode === 'mention'
                  ? 'The coach answers when someone writes @coach.'
                  : 'The coach answers every message.'}{' '}
                <span aria-label={`${online.size} online`}>● {online.size} online</span>
              </p>
            )}
          </div>
          <ExportMenu source={source} title={g?.name ?? 'Room'} ownUserId={me.id} />
          {g?.ownerId === me.id && (
            <button
              type="button"
              className="ghost small"
              aria-expanded={editing}
              onClick={() => {
                setEditing((e) => !e);
                setShowMembers(true);
              }}
            >
              Room settings
            </button>
          )}
          <button
            type="button"
            className="ghost members-toggle"
            aria-expanded={showMembers}
            onClick={() => setShowMembers((s) => !s)}
          >
            Members
          </button>
        </header>
        {g && <RoomPins groupId={g.id} />}
        {g?.id.startsWith('team-') && <AssignedPractice teamId={g.id.slice('team-'.length)} />}
        <MessageList
          view={view}
          ownUserId={me.id}
          label="Room messages"
          feedback={feedback}
          actions={ROOM_ACTIONS}
          empty={<p className="muted center">No messages yet. Say hello, or ask @coach.</p>}
        />
        <p className="typing-indicator" role="status" aria-live="polite">
          {typingText(typing)}
        </p>
        {view.error && !view.gone && (
          <p className="error small inline-error" role="alert">
            {view.error}
          </p>
        )}
        <Composer
          onSend={view.send}
          answering={view.answering !== undefined && g?.aiMode === 'always'}
          onStop={view.stop}
          disabled={view.gone}
          placeholder="Message the room; @coach to ask the coach"
          mentionCandidates={candidates}
          onTyping={signalTyping}
        />
        {view.answering && g?.aiMode !== 'always' && (
          <div className="answering-bar">
            <span className="muted small">The coach is answering…</span>
            <button type="button" className="stop small" onClick={view.stop}>
              Stop
            </button>
          </div>
        )}
      </section>
      {g && (
        <div className={showMembers ? 'room-side open' : 'room-side'}>
          {editing && <RoomSettings group={g} onDone={() => setEditing(false)} />}
          <MembersPanel group={g} online={online} />
          <RoomPractices groupId={g.id} />
        </div>
      )}
    </div>
  );
}

const ROOM_ACTIONS = { edit: true, delete: true };
