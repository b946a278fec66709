import type { ChildSummary, FamilyDocument } from '../../../family/types';
import { DocumentItem } from './DocumentItem';

export function DocumentList({
  documents,
  familyChildren,
  onDeleted,
}: {
  documents: FamilyDocument[];
  familyChildren: ChildSummary[];
  onDeleted: (message: string) => Promise<void>;
}) {
  if (documents.length === 0) return <p className="muted">Aucun document transmis pour le moment.</p>;
  const childName = (id: number | null) => {
    const c = familyChildren.find((child) => child.id === id);
    return c ? `${c.firstName} ${c.lastName}` : null;
  };
  return (
    <ul className="item-list">
      {documents.map((doc) => (
        <DocumentItem key={doc.id} document={doc} childName={childName(doc.childId)} onDeleted={onDeleted} />
      ))}
    </ul>
  );
}
