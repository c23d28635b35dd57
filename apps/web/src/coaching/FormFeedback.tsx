/** A form's outcome: what happened (a status line) or what went wrong (an alert). */
export function FormFeedback({ status, error }: { status?: string | null; error?: string | null }) {
  return (
    <>
      {status && (
        <p className="muted small" role="status">
          {status}
        </p>
      )}
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
