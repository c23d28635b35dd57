import { SHORTCUTS } from './keyboard-shortcuts.js';
import { useModalDialog } from './use-modal-dialog.js';

/** The list of keyboard shortcuts ("?"), a modal dialog closed by Esc or its button. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useModalDialog(open);
  return (
    <dialog
      ref={dialog}
      className="shortcuts"
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.keys} className="shortcut">
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.action}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="small" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
