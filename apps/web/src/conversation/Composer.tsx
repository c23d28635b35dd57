import {
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { SignedInContext } from '../app/signed-in-context.js';
import { useSpeechRecognition } from '../speech/use-speech-recognition.js';
import { applyMention, findMention, type MentionMatch } from './mention-completion.js';

interface ComposerProps {
  /** Resolves false when the text was not taken (it goes back into the box). */
  onSend: (text: string) => Promise<boolean>;
  /** An answer is being written: show Stop; Send waits. */
  answering: boolean;
  onStop: () => void;
  disabled?: boolean;
  placeholder?: string;
  /** Names offered after `@` (group rooms). */
  mentionCandidates?: readonly string[];
  /** Called on each keystroke that changes the text (the room throttles typing signals). */
  onTyping?: () => void;
}

/** The message box ("Message"): Enter sends, Shift+Enter breaks the line; dictation where supported. */
export function Composer({
  onSend,
  answering,
  onStop,
  disabled,
  placeholder,
  mentionCandidates,
  onTyping,
}: ComposerProps) {
  const [text, setText] = useState('');
  const [mention, setMention] = useState<MentionMatch | null>(null);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const listId = `${id}-mentions`;
  const speech = useSpeechRecognition((heard) => setText(heard));
  // The server's limit, as `me.get` publishes it: the box takes no more, and says so near it.
  const maxChars = useContext(SignedInContext)?.me.limits.messageChars;
  const nearLimit = maxChars !== undefined && text.length >= maxChars * 0.9;

  // The box takes the focus when it appears or becomes usable again, unless the reader
  // is already somewhere else (after sign-in, after a new conversation's first question).
  useEffect(() => {
    if (disabled) return;
    const active = document.activeElement;
    if (!active || active === document.body) box.current?.focus();
  }, [disabled]);

  const updateMention = (value: string, caret: number) => {
    const next = mentionCandidates ? findMention(value, caret, mentionCandidates) : null;
    setMention(next);
    setActive(0);
  };

  const choose = (choice: string) => {
    if (!mention) return;
    const next = applyMention(text, mention, choice);
    setText(next.text);
    setMention(null);
    requestAnimationFrame(() => box.current?.setSelectionRange(next.caret, next.caret));
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const value = text.trim();
    if (!value || answering || disabled) return;
    setText('');
    setMention(null);
    const sent = await onSend(value);
    if (!sent) setText((current) => current || value);
    box.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mention) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + mention.options.length) % mention.options.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        choose(mention.options[active] ?? mention.options[0]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form className="composer" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-box`} className="visually-hidden">
        Message
      </label>
      <div className="composer-box">
        <textarea
          id={`${id}-box`}
          ref={box}
          rows={2}
          value={text}
          placeholder={placeholder ?? 'Ask your coach… (Enter to send, Shift+Enter for a new line)'}
          maxLength={maxChars}
          aria-describedby={nearLimit ? `${id}-count` : undefined}
          disabled={disabled}
          aria-autocomplete={mentionCandidates ? 'list' : undefined}
          aria-controls={mention ? listId : undefined}
          aria-activedescendant={mention ? `${listId}-${active}` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            updateMention(e.target.value, e.target.selectionStart);
            onTyping?.();
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setMention(null), 150)}
        />
        {nearLimit && (
          <span id={`${id}-count`} className="composer-count muted small" aria-live="polite">
            {text.length.toLocaleString('en-US')} / {maxChars.toLocaleString('en-US')} characters
          </span>
        )}
        {mention && (
          <ul id={listId} role="listbox" className="mentions" aria-label="Mention">
            {mention.options.map((option, i) => (
              <li
                key={option}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(option);
                }}
              >
                @{option}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="composer-actions">
        {speech.supported && (
          <button
            type="button"
            className={speech.listening ? 'icon listening' : 'icon'}
            aria-pressed={speech.listening}
            aria-label={speech.listening ? 'Stop dictation' : 'Dictate'}
            title={speech.listening ? 'Stop dictation' : 'Dictate'}
            onClick={speech.toggle}
          >
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
              <path
                fill="currentColor"
                d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2Z"
              />
            </svg>
          </button>
        )}
        {answering && (
          <button type="button" className="stop" onClick={onStop}>
            Stop
          </button>
        )}
        <button
          type="submit"
          className="primary"
          disabled={disabled || answering || text.trim() === ''}
        >
          Send
        </button>
      </div>
      {speech.error && (
        <p className="error small" role="alert">
          {speech.error}
        </p>
      )}
    </form>
  );
}
