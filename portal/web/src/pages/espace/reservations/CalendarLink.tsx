import { useId, useState } from 'react';
import { toApiError, type ApiError } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Modal } from '../../../components/Modal';
import { createCalendarLink } from '../../../reservations/api';
import { useFocusById } from '../../../useFocusById';

/** "Abonnement calendrier": the private iCalendar address of the family's accepted bookings. */
export function CalendarLink() {
  const [open, setOpen] = useState(false);
  const triggerId = useId();
  return (
    <>
      <button id={triggerId} type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        Abonnement calendrier
      </button>
      {open && <CalendarLinkDialog onClose={() => setOpen(false)} returnFocusId={triggerId} />}
    </>
  );
}

function CalendarLinkDialog({ onClose, returnFocusId }: { onClose: () => void; returnFocusId: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const fieldId = useId();
  const focus = useFocusById();

  async function create() {
    if (pending) return;
    setPending(true);
    setError(null);
    setCopied(null);
    try {
      setUrl((await createCalendarLink()).url);
      focus(fieldId);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setPending(false);
    }
  }

  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Adresse copiée : collez-la dans votre agenda (« ajouter un calendrier par URL » ou « s’abonner »).');
    } catch {
      // No clipboard (insecure page, refused permission): the text stays selected for a manual copy.
      document.getElementById(fieldId)?.focus();
      (document.getElementById(fieldId) as HTMLInputElement | null)?.select();
      setCopied('La copie automatique n’est pas possible ici : l’adresse est sélectionnée, copiez-la (Ctrl+C ou appui long).');
    }
  }

  return (
    <Modal title="Abonnement calendrier" onClose={onClose} returnFocusId={returnFocusId}>
      <p>
        Abonnez l’agenda de votre téléphone ou de votre messagerie à cette adresse privée : vos réservations acceptées
        s’y affichent et se mettent à jour toutes seules. Ne la communiquez qu’aux personnes de confiance.
      </p>
      {url ? (
        <>
          <div className="field">
            <label htmlFor={fieldId}>Adresse de votre calendrier</label>
            <input id={fieldId} type="text" readOnly value={url} className="mono" onFocus={(e) => e.currentTarget.select()} />
          </div>
          <div className="form__actions">
            <button type="button" className="button button--primary" onClick={copy}>
              Copier l’adresse
            </button>
            <button type="button" className="button button--secondary" onClick={create} aria-disabled={pending || undefined}>
              Renouveler l’adresse
            </button>
          </div>
          <p className="field__hint">Renouveler l’adresse remplace la précédente, qui cessera de fonctionner.</p>
        </>
      ) : (
        <>
          <p className="field__hint">
            Si vous aviez déjà une adresse, elle est remplacée par la nouvelle : mettez ensuite votre agenda à jour.
          </p>
          <button type="button" className="button button--primary" onClick={create} aria-disabled={pending || undefined} data-autofocus>
            Obtenir mon adresse d’abonnement
          </button>
        </>
      )}
      <p role="status" className="status-region">
        {copied}
      </p>
      <ErrorAlert error={error} />
    </Modal>
  );
}
