import { Button, FileInput, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { toApiError, type ApiError } from '../../api';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/Feedback';
import { familiesApi } from '../../familiesApi';
import { DOCUMENT_TYPES, documentTypeLabel } from '../../familyFormat';
import type { ChildSummary, DocumentType, FamilyDocument } from '../../types';
import { decisionNotice, DocumentCard } from './DocumentsReview';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/** Transmitted first (they wait for a decision), then the newest. */
function reviewOrder(documents: FamilyDocument[]): FamilyDocument[] {
  const rank = (document: FamilyDocument) => (document.status === 'transmitted' ? 0 : 1);
  return [...documents].sort((a, b) => rank(a) - rank(b) || b.uploadedAt.localeCompare(a.uploadedAt));
}

function UploadForm({
  familyId,
  kids,
  onCancel,
  onUploaded,
}: {
  familyId: number;
  kids: ChildSummary[];
  onCancel: () => void;
  onUploaded: (document: FamilyDocument) => void;
}) {
  const [type, setType] = useState<DocumentType>('attestation_responsabilite_civile');
  const [childId, setChildId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    // The server checks the content itself; these only spare a useless upload.
    if (!file) return setFileError('Choisissez le fichier à transmettre.');
    if (file.size > MAX_BYTES) return setFileError('Le fichier dépasse 10 Mo.');
    if (file.type && !ACCEPTED_TYPES.includes(file.type)) return setFileError('Formats acceptés : PDF, JPEG ou PNG.');
    setSaving(true);
    setError(null);
    try {
      onUploaded(await familiesApi.uploadDocument(familyId, { type, childId: childId ? Number(childId) : null, file }));
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      const fileIssue = apiError.issues.find((issue) => String(issue.path) === 'file');
      if (fileIssue) setFileError(fileIssue.message);
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <NativeSelect
          label="Type de document"
          value={type}
          onChange={(event) => setType(event.currentTarget.value as DocumentType)}
          data={DOCUMENT_TYPES.map((value) => ({ value, label: documentTypeLabel(value) }))}
        />
        {kids.length > 0 && (
          <NativeSelect
            label="Enfant concerné"
            description="Pour un PAI ou un certificat médical."
            value={childId}
            onChange={(event) => setChildId(event.currentTarget.value)}
            data={[
              { value: '', label: 'Aucun (document de la famille)' },
              ...kids.map((child) => ({ value: String(child.id), label: `${child.firstName} ${child.lastName}` })),
            ]}
          />
        )}
        <FileInput
          label="Fichier"
          description="PDF, JPEG ou PNG, 10 Mo au maximum."
          placeholder="Choisir un fichier"
          accept={ACCEPTED_TYPES.join(',')}
          required
          clearable
          clearButtonProps={{ 'aria-label': 'Retirer le fichier choisi' }}
          value={file}
          onChange={(value) => {
            setFile(value);
            setFileError(null);
          }}
          error={fileError}
        />
        {error && <ErrorAlert error={error} title="Envoi impossible" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={saving}>
            Annuler
          </Button>
          <Button type="submit" loading={saving}>
            Transmettre le document
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The right-hand column of the family page: the documents, to look at and decide on. */
export function FamilyDocuments({
  familyId,
  documents,
  kids,
  onNotice,
  onFileChanged,
}: {
  familyId: number;
  documents: FamilyDocument[];
  kids: ChildSummary[];
  onNotice: (message: string) => void;
  onFileChanged: () => void;
}) {
  const [uploading, setUploading] = useState(false);
  const childName = (childId: number | null): string | null => {
    const child = kids.find((candidate) => candidate.id === childId);
    return child ? `${child.firstName} ${child.lastName}` : null;
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {documents.length === 0
            ? 'Aucun document transmis.'
            : `${documents.length} document${documents.length > 1 ? 's' : ''}, dont ${
                documents.filter((document) => document.status === 'transmitted').length
              } à vérifier.`}
        </Text>
        <Button size="xs" variant="default" onClick={() => setUploading(true)}>
          Ajouter un document
        </Button>
      </Group>
      {reviewOrder(documents).map((document) => {
        const name = childName(document.childId);
        return (
          <DocumentCard
            key={document.id}
            document={document}
            heading={name ? `${documentTypeLabel(document.type)} — ${name}` : documentTypeLabel(document.type)}
            onChanged={(updated) => {
              onNotice(decisionNotice(updated));
              onFileChanged();
            }}
          />
        );
      })}
      <AppModal opened={uploading} onClose={() => setUploading(false)} title="Ajouter un document">
        {uploading && (
          <UploadForm
            familyId={familyId}
            kids={kids}
            onCancel={() => setUploading(false)}
            onUploaded={(document) => {
              setUploading(false);
              onNotice(`${documentTypeLabel(document.type)} : document transmis pour la famille.`);
              onFileChanged();
            }}
          />
        )}
      </AppModal>
    </Stack>
  );
}
