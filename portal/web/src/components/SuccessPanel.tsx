import { useEffect, useRef, type ReactNode } from 'react';

/** A success that replaces the form: it takes the focus, so it is read at once. */
export function SuccessPanel({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} role="status" className="alert alert--success">
      {children}
    </div>
  );
}
