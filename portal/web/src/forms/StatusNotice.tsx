/** Live region present from the start, so that screen readers announce the notice when it appears. */
export function StatusNotice({ message }: { message: string | null }) {
  return (
    <div role="status" className="status-region">
      {message && <p className="alert alert--success">{message}</p>}
    </div>
  );
}
