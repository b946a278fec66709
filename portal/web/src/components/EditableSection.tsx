import { useId, useState, type ReactNode } from 'react';
import { StatusNotice } from '../forms/StatusNotice';
import { useFocusById } from '../useFocusById';
import { PencilButton } from './PencilButton';

export interface EditControls {
  /** Back to the read-only view (Annuler). */
  close: () => void;
  /** Back to the read-only view with a success notice (role="status"). */
  saved: (notice: string) => void;
}

interface Props {
  title: string;
  /** Accessible name of the pencil: "Modifier les coordonnées". */
  editLabel: string;
  level?: 2 | 3;
  /** The read-only view; as a function it can post a notice (after a removal made from it). */
  children: ReactNode | ((notify: (notice: string) => void) => ReactNode);
  /** The edit form, shown instead of the read-only view. */
  form: (controls: EditControls) => ReactNode;
  /** `sub`: a block inside another panel. */
  variant?: 'panel' | 'sub';
  /** When there is nothing to edit yet: a plain button ("Ajouter un conjoint") instead of the pencil. */
  addLabel?: string;
}

/**
 * A section of "Mon espace" as in the guide: reviewed read-only, edited after a click on the
 * "crayon". Focus moves into the form when it opens and back to the pencil when it closes.
 */
export function EditableSection({ title, editLabel, level = 2, children, form, variant = 'panel', addLabel }: Props) {
  const headingId = useId();
  const bodyId = useId();
  const buttonId = useId();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const focus = useFocusById();
  const Heading = level === 2 ? 'h2' : 'h3';

  function open() {
    setNotice(null);
    setEditing(true);
    focus(bodyId);
  }
  // After a removal made from the read-only view, the focus goes to the section's button.
  function notify(message: string) {
    setNotice(message);
    focus(buttonId);
  }
  const controls: EditControls = {
    close: () => {
      setEditing(false);
      focus(buttonId);
    },
    saved: (message) => {
      setNotice(message);
      setEditing(false);
      focus(buttonId);
    },
  };

  return (
    <section className={variant === 'panel' ? 'panel editable' : 'editable editable--sub'} aria-labelledby={headingId}>
      <div className="editable__head">
        <Heading id={headingId}>{title}</Heading>
        {!editing && !addLabel && <PencilButton id={buttonId} label={editLabel} onClick={open} />}
      </div>
      <StatusNotice message={notice} />
      <div id={bodyId}>{editing ? form(controls) : typeof children === 'function' ? children(notify) : children}</div>
      {!editing && addLabel && (
        <button id={buttonId} type="button" className="button button--secondary" onClick={open}>
          {addLabel}
        </button>
      )}
    </section>
  );
}
