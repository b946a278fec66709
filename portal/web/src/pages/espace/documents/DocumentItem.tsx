import { parentMayDelete } from '../../../../../../shared/documents/rules';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { Facts } from '../../../components/Facts';
import { deleteDocument, documentFileUrl } from '../../../family/api';
import { DOCUMENT_TYPE_LABELS, documentStatusLabel, formatSize } from '../../../family/labels';
import type { FamilyDocument } from '../../../family/types';
import { formatDate } from '../../../format';

function validity(doc: FamilyDocument): string | null {
  if (doc.validUntil) return `Jusqu’au ${formatDate(doc.validUntil)}`;
  if (doc.schoolYear) return `Année scolaire ${doc.schoolYear}`;
  return null;
}

export function DocumentItem({
  document: doc,
  childName,
  onDeleted,
}: {
  document: FamilyDocument;
  childName: string | null;
  onDeleted: (message: string) => Promise<void>;
}) {
  const type = DOCUMENT_TYPE_LABELS[doc.type];
  return (
    <li className="item">
      <h3>
        {type}
        {childName && <> — {childName}</>}
      </h3>
      <Facts
        items={[
          { label: 'État', value: <span className={`doc-status doc-status--${doc.status}`}>{documentStatusLabel(doc)}</span> },
          { label: 'Validité', value: validity(doc) },
          { label: 'Fichier', value: `${doc.fileName} (${formatSize(doc.sizeBytes)})` },
          { label: 'Transmis le', value: formatDate(doc.uploadedAt) },
        ]}
      />
      <div className="form__actions">
        <a href={documentFileUrl(doc.id)} download={doc.fileName} className="button button--secondary">
          Télécharger<span className="visually-hidden"> {doc.fileName}</span>
        </a>
        {parentMayDelete(doc.status) && (
          <ConfirmAction
            label={`Supprimer ${doc.fileName}`}
            visibleLabel="Supprimer"
            question={`Supprimer « ${doc.fileName} » ? Nos services ne l’ont pas encore examiné.`}
            confirmLabel="Oui, supprimer"
            onConfirm={async () => {
              await deleteDocument(doc.id);
              await onDeleted(`« ${doc.fileName} » est supprimé.`);
            }}
          />
        )}
      </div>
    </li>
  );
}
