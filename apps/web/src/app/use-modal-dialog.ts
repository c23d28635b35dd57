import { useEffect, useRef } from 'react';

/** A native <dialog> shown as a modal while `open` (focus trap, Esc and backdrop come with it). */
export function useModalDialog(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal?.();
    if (!open && el.open) el.close();
  }, [open]);
  return dialog;
}
