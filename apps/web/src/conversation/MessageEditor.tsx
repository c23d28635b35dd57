import { useEffect, useRef, useState, type FormEvent } from 'react';

/** Edits one's own message in place of its text: "Save" stores it, "Cancel" or Esc keeps the old one. */
export function MessageEditor({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (content: string) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const [saving, setSaving] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || saving) return;
    setSaving(true);
    const saved = await onSave(text);
    setSaving(false);
    if (saved) onCancel();
  };

  return (
    <form className="message-editor" onSubmit={(e) => void submit(e)}>
      <textarea
        ref={box}
        aria-label="Edit message"
        value={text}
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      />
      <div className="message-actions">
        <button type="submit" className="small" disabled={saving || !text.trim()}>
          Save
        </button>
        <button type="button" className="ghost small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
