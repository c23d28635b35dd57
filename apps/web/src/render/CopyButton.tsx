import { useState } from 'react';

/** A button that copies `text` to the clipboard and says "Copied" for a moment; hidden where there is no clipboard. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  if (typeof navigator === 'undefined' || !navigator.clipboard) return null;
  return (
    <button
      type="button"
      className="ghost small"
      onClick={() =>
        void navigator.clipboard.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1_500);
        })
      }
    >
      {copied ? 'Copied' : label}
    </button>
  );
}
