import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { LoadedPage } from '../../../components/LoadedPage';
import { StatusNotice } from '../../../forms/StatusNotice';
import { useFamilyFile } from '../../../family/useFamilyFile';
import { useFocusById } from '../../../useFocusById';
import { isDocumentType } from '../../../family/labels';
import { DocumentList } from './DocumentList';
import { DocumentUploadForm } from './DocumentUploadForm';

/** `/espace/documents`: pièces justificatives sent to the pôle enfance-jeunesse, with their state. */
export function DocumentsPage() {
  const { resource, refresh } = useFamilyFile();
  const [params] = useSearchParams();
  const [notice, setNotice] = useState<string | null>(null);
  const listHeadingId = useId();
  const focus = useFocusById();
  const type = params.get('type') ?? '';
  const childId = Number(params.get('enfant') ?? '');

  async function changed(message: string) {
    await refresh().catch(() => undefined);
    setNotice(message);
  }
  async function deleted(message: string) {
    await changed(message);
    // The item and its buttons are gone: the list's heading takes the focus.
    focus(listHeadingId);
  }

  return (
    <LoadedPage title="Documents" resource={resource}>
      {(file) => (
        <>
          <p className="muted">
            Transmettez vos pièces justificatives : attestation de responsabilité civile, RIB, mandat SEPA, justificatif
            de quotient familial, PAI… Nos services les vérifient puis les acceptent ou les refusent en indiquant le motif.
          </p>
          <DocumentUploadForm
            familyChildren={file.children}
            initialType={isDocumentType(type) ? type : ''}
            initialChildId={file.children.some((c) => c.id === childId) ? String(childId) : ''}
            onUploaded={(doc, label) => changed(`Document transmis : ${label} (« ${doc.fileName} »).`)}
          />
          <section className="panel" aria-labelledby={listHeadingId}>
            <h2 id={listHeadingId} tabIndex={-1}>
              Documents transmis
            </h2>
            <StatusNotice message={notice} />
            <DocumentList documents={file.documents} familyChildren={file.children} onDeleted={deleted} />
          </section>
        </>
      )}
    </LoadedPage>
  );
}
