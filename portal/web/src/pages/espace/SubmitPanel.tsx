import { useState } from 'react';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRefreshMe } from '../../espaceContext';
import { StatusNotice } from '../../forms/StatusNotice';
import { submitFamilyFile } from '../../family/api';
import type { FamilyFile } from '../../family/types';
import { MissingChecklist } from './MissingChecklist';

const SUBMITTABLE = new Set(['profile_incomplete', 'rejected']);

/** ÉTAPE 4: what is still missing, then "Transmettre mon dossier pour validation". */
export function SubmitPanel({ file, onSubmitted }: { file: FamilyFile; onSubmitted: (file: FamilyFile) => void }) {
  const refreshMe = useRefreshMe();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const submittable = SUBMITTABLE.has(file.family.status);
  if (!submittable && notice === null) return null;
  // The server's list, when a submission was refused, is the freshest.
  const missing = error?.missing.length ? error.missing : file.completeness.missing;

  async function submit() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const next = await submitFamilyFile();
      onSubmitted(next);
      setNotice('Votre dossier est transmis. Vous recevrez un e-mail dès qu’il aura été examiné par nos services.');
      await refreshMe().catch(() => undefined);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="panel panel--step" aria-labelledby="etape-4">
      <h2 id="etape-4">Étape 4 : transmettre votre dossier pour validation</h2>
      <StatusNotice message={notice} />
      {!submittable ? null : missing.length > 0 ? (
        <>
          <p>Avant de transmettre votre dossier, il reste à faire :</p>
          <MissingChecklist missing={missing} />
        </>
      ) : (
        <>
          <p>Votre dossier est complet. Transmettez-le : nos services le vérifieront puis valideront votre compte.</p>
          <button type="button" className="button button--primary" onClick={submit} aria-disabled={pending || undefined}>
            Transmettre mon dossier pour validation
          </button>
          {pending && <p className="muted">Envoi en cours…</p>}
        </>
      )}
      <ErrorAlert error={error?.missing.length ? null : error} />
    </section>
  );
}
