/** The guide's "crayon" button; its accessible name says what it edits ("Modifier les coordonnées"). */
export function PencilButton({
  label,
  onClick,
  id,
}: {
  /** Full accessible name, starting with "Modifier". */
  label: string;
  onClick: () => void;
  id?: string;
}) {
  const [verb, ...rest] = label.split(' ');
  return (
    <button
      id={id}
      type="button"
      className="button button--pencil"
      onClick={onClick}
    >
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="18" height="18">
        <path
          fill="currentColor"
          d="M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zm17.71-10.21a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z"
        />
      </svg>
      {verb}
      {rest.length > 0 && <span className="visually-hidden"> {rest.join(' ')}</span>}
    </button>
  );
}
