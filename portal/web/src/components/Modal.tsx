import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  title: string;
  /** Escape, the "Fermer" button: the parent unmounts the modal. */
  onClose: () => void;
  children: ReactNode;
  /** Buttons kept visible under a long content (the guide's hidden "VALIDER"). */
  footer?: ReactNode;
  /** Where the focus goes back when the element that opened the modal is gone (an element id). */
  returnFocusId?: string;
  wide?: boolean;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * A real modal window (native `<dialog>` opened with showModal: the page behind is inert):
 * focus stays inside (Tab wraps around), Escape closes it, and the focus goes back to what
 * opened it. Render it only while open; the element marked `data-autofocus` gets the focus first.
 */
export function Modal({ title, onClose, children, footer, returnFocusId, wide }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    document.documentElement.classList.add('has-modal');
    return () => {
      if (dialog.open) dialog.close();
      document.documentElement.classList.remove('has-modal');
      const target =
        opener && opener !== document.body && opener.isConnected ? opener : returnFocusId ? document.getElementById(returnFocusId) : null;
      // After React has finished removing the dialog, so that nothing steals the focus back.
      setTimeout(() => target?.focus(), 0);
    };
  }, [returnFocusId]);

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab') return;
    const dialog = ref.current;
    if (!dialog) return;
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      className={wide ? 'modal modal--wide' : 'modal'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: React decides when the dialog goes away.
        event.preventDefault();
        onCloseRef.current();
      }}
      onKeyDown={onKeyDown}
    >
      <div className="modal__head">
        <h2 id={titleId} className="modal__title">
          {title}
        </h2>
        <button type="button" className="button button--secondary modal__close" onClick={() => onCloseRef.current()}>
          Fermer
        </button>
      </div>
      <div className="modal__body">{children}</div>
      {footer && <div className="modal__foot">{footer}</div>}
    </dialog>
  );
}
