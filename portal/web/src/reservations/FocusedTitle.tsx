import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's h1, which takes the focus when the page opens: after "Suivant", "Valider" or a
 * link of the booking steps, screen readers start at the new step instead of the top of the page.
 */
export function FocusedTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
