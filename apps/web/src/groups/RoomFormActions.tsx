import { readableError } from '../api/readable-error.js';
import { FormFeedback } from '../coaching/FormFeedback.js';

/** The end of the create and settings forms: why the save failed, then submit and Cancel. */
export function RoomFormActions({
  submitLabel,
  saving,
  onCancel,
  small = false,
}: {
  submitLabel: string;
  /** The form's mutation: its failure shows as an alert, and submit waits while it runs. */
  saving: { isPending: boolean; isError: boolean; error: unknown };
  onCancel: () => void;
  /** Small buttons (the settings panel beside the room). */
  small?: boolean;
}) {
  const size = small ? ' small' : '';
  return (
    <>
      <FormFeedback error={saving.isError ? readableError(saving.error) : null} />
      <div className="form-actions">
        <button type="submit" className={`primary${size}`} disabled={saving.isPending}>
          {submitLabel}
        </button>
        <button type="button" className={`ghost${size}`} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
