import type { ApiError } from '../api';

/** A server error message (and its validation issues), announced by screen readers. */
export function ErrorAlert({ error, message }: { error?: ApiError | null; message?: string | null }) {
  const text = message ?? error?.message ?? null;
  if (!text) return null;
  return (
    <div role="alert" className="alert alert--error">
      <p>{text}</p>
      {error && error.issues.length > 0 && (
        <ul>
          {error.issues.map((issue, i) => (
            <li key={i}>{issue.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
