import { Anchor, Button, FileInput, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { attachmentLabel } from '../../../../shared/content/format';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_ITEM } from '../../../../shared/content/rules';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/Feedback';
import { contentApi, type ContentAttachment, type ContentKind } from '../../contentApi';
import { ConfirmModal } from './ConfirmModal';

const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/**
 * The files of a saved item: listed, added one at a time, removed after confirmation. Each
 * change is immediate (it does not wait for "Enregistrer").
 */
export function AttachmentsPanel({
  kind,
  itemId,
  attachments,
  onChange,
  onNotice,
}: {
  kind: ContentKind;
  itemId: number | null;
  attachments: ContentAttachment[];
  onChange: (attachments: ContentAttachment[]) => void;
  onNotice: (message: string) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [removing, setRemoving] = useState<ContentAttachment | null>(null);

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (uploading || itemId === null) return;
    // The server reads the content itself; these checks only spare a useless upload.
    if (!file) return setFileError('Choisissez le fichier à joindre.');
    if (file.size > MAX_ATTACHMENT_BYTES) return setFileError('Le fichier dépasse 10 Mo.');
    if (file.type && !ACCEPTED_TYPES.includes(file.type)) return setFileError('Formats acceptés : PDF, JPEG ou PNG.');
    setUploading(true);
    setError(null);
    try {
      const added = await contentApi.uploadAttachment(kind, itemId, file);
      onChange([...attachments, added]);
      setFile(null);
      onNotice(`Pièce jointe ajoutée : ${added.fileName}.`);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setUploading(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="pieces-jointes-titre">
      <Stack gap="sm">
        <Title order={2} size="h4" id="pieces-jointes-titre">
          Pièces jointes
        </Title>
        {itemId === null ? (
          <Text size="sm" c="dimmed">
            Enregistrez d’abord, puis joignez les fichiers (menus, règlement…) : PDF, JPEG ou PNG de 10 Mo au plus.
          </Text>
        ) : (
          <>
            {attachments.length === 0 ? (
              <Text size="sm" c="dimmed">
                Aucune pièce jointe.
              </Text>
            ) : (
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Pièces jointes">
                {attachments.map((attachment) => (
                  <Group component="li" key={attachment.id} justify="space-between" wrap="nowrap" gap="sm">
                    <Anchor href={attachment.url} download={attachment.fileName} style={{ overflowWrap: 'anywhere' }}>
                      {attachmentLabel(attachment)}
                    </Anchor>
                    <Button
                      size="xs"
                      variant="default"
                      color="red"
                      onClick={() => setRemoving(attachment)}
                      aria-label={`Supprimer la pièce jointe ${attachment.fileName}`}
                    >
                      Supprimer
                    </Button>
                  </Group>
                ))}
              </Stack>
            )}
            {attachments.length < MAX_ATTACHMENTS_PER_ITEM && (
              <form onSubmit={(event) => void upload(event)} noValidate>
                <Group align="flex-end" gap="sm" wrap="wrap">
                  <FileInput
                    label="Ajouter un fichier"
                    description="PDF, JPEG ou PNG, 10 Mo au maximum."
                    placeholder="Choisir un fichier"
                    accept={ACCEPTED_TYPES.join(',')}
                    clearable
                    clearButtonProps={{ 'aria-label': 'Retirer le fichier choisi' }}
                    value={file}
                    onChange={(value) => {
                      setFile(value);
                      setFileError(null);
                    }}
                    error={fileError}
                    style={{ flex: '1 1 240px' }}
                  />
                  <Button type="submit" variant="light" loading={uploading}>
                    Joindre le fichier
                  </Button>
                </Group>
              </form>
            )}
            {error && <ErrorAlert error={error} title="Envoi impossible" />}
          </>
        )}
      </Stack>
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title="Supprimer la pièce jointe"
        confirmLabel="Supprimer"
        onConfirm={async () => {
          if (!removing || itemId === null) return;
          await contentApi.deleteAttachment(kind, itemId, removing.id);
          onChange(attachments.filter((a) => a.id !== removing.id));
          onNotice(`Pièce jointe supprimée : ${removing.fileName}.`);
          setRemoving(null);
        }}
      >
        {removing ? `Le fichier « ${removing.fileName} » ne sera plus proposé aux familles. Cette action est définitive.` : ''}
      </ConfirmModal>
    </Paper>
  );
}
