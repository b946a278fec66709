import { useCallback, useEffect, useState } from 'react';

/**
 * Moves keyboard focus after the next render (a form opens, closes, or an item disappears): to the
 * element with this id, or to the first field inside it. By id, so that no ref is read during render.
 */
export function useFocusById(): (id: string) => void {
  const [target, setTarget] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (!target) return;
    const el = document.getElementById(target.id);
    if (!el) return;
    const focusable = el.matches('input, select, textarea, button, a[href], [tabindex]')
      ? el
      : el.querySelector<HTMLElement>('input, select, textarea');
    focusable?.focus();
  }, [target]);
  return useCallback((id: string) => setTarget({ id }), []);
}
