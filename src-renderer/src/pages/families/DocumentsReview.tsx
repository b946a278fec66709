import { Anchor, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { toApiError, type ApiError } from '../../api';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { documentFileUrl, familiesApi } from '../../familiesApi';
import { DOCUMENT_STATUS_COLORS, documentStatusLabel, documentTypeLabel, formatAge } from '../../familyFormat';
import { formatDate, formatDateTime, formatSize } from '../../format';
import { inputToDate, isoDate, issuesToErrors, useForm, zodErrors } from '../../forms';
import type { FamilyDocument, ReviewDocument } from '../../types';
import { useResource } from '../../useResource';
import { ReasonModal } from './dialogs';

const acceptSchema = z.strictObject({
  validUntil: isoDate('Date de validité invalide (jj/mm/aaaa).').nullable(),
});

/** 31 August closing the school year of `today` (the server's default validity). */
function schoolYearEnd(today: Date = new Date()): string {
  const year = today.getMonth() + 1 >= 9 ? today.getFullYear() + 1 : today.getFullYear();
  return `31/08/${year}`;
}

function AcceptForm({
  document,
  onCancel,
  onAccepted,
}: {
  document: FamilyDocument;
  onCancel: () => void;
  onAccepted: (document: FamilyDocument) => void;
}) {
  const form = useForm({
    initialValues: { validUntil: '' },
    validate: (values) => zodErrors(acceptSchema, { validUntil: inputToDate(values.validUntil) }),
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving || !form.validate()) return;
    setSaving(true);
    setError(null);
    try {
      onAccepted(await familiesApi.acceptDocument(document.id, inputToDate(form.values.validUntil)));
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      form.setErrors(issuesToErrors(apiError.issues));
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {documentTypeLabel(document.type)} — {document.fileName}. La famille sera prévenue par courriel.
        </Text>
        <TextInput
          label="Valable jusqu’au"
          description={`Laissez vide pour la fin de l’année scolaire (${schoolYearEnd()}).`}
          placeholder="jj/mm/aaaa"
          inputMode="numeric"
          {...form.getInputProps('validUntil')}
        />
        {error && <ErrorAlert error={error} title="Action impossible" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={saving}>
            Annuler
          </Button>
          <Button type="submit" color="teal.9" loading={saving} data-autofocus>
            Accepter le document
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Opens a PDF in a new tab (the server sends files as attachments, and the page may not frame them). */
async function openInNewTab(document: FamilyDocument): Promise<void> {
  // Opened before the download so that the browser still counts it as the user's click.
  const opened = window.open('', '_blank');
  try {
    const blob = await familiesApi.documentBlob(document.id);
    const url = URL.createObjectURL(blob);
    if (opened) {
      opened.location.href = url;
    } else {
      // No new window (the desktop application refuses them): save the file instead.
      const link = window.document.createElement('a');
      link.href = url;
      link.download = document.fileName;
      link.click();
    }
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    opened?.close();
    throw error;
  }
}

function DocumentPreview({ document }: { document: FamilyDocument }) {
  if (document.mimeType.startsWith('image/')) {
    return (
      <img
        src={documentFileUrl(document.id)}
        alt={`Aperçu : ${documentTypeLabel(document.type)} (${document.fileName})`}
        style={{
          display: 'block',
          maxWidth: '100%',
          maxHeight: 560,
          objectFit: 'contain',
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 'var(--mantine-radius-sm)',
        }}
      />
    );
  }
  return (
    <iframe
      src={`${documentFileUrl(document.id)}?inline=1`}
      title={`Aperçu : ${documentTypeLabel(document.type)} (${document.fileName})`}
      style={{
        display: 'block',
        width: '100%',
        height: 560,
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 'var(--mantine-radius-sm)',
      }}
    />
  );
}

/**
 * One document with what staff do with it: look at it, download it, accept it, refuse it with a reason.
 * `onChanged` receives the document as the server returns it after a decision.
 */
export function DocumentCard({
  document,
  heading,
  headingOrder = 3,
  subtitle,
  onChanged,
}: {
  document: FamilyDocument;
  heading?: ReactNode;
  /** 3 inside a section of the family page, 2 in the "Documents à vérifier" list. */
  headingOrder?: 2 | 3;
  subtitle?: ReactNode;
  onChanged: (document: FamilyDocument) => void;
}) {
  const [preview, setPreview] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const [refusing, setRefusing] = useState(false);
  const [openError, setOpenError] = useState<ApiError | null>(null);
  const [opening, setOpening] = useState(false);
  const typeLabel = documentTypeLabel(document.type);
  const isImage = document.mimeType.startsWith('image/');
  const titleId = `document-${document.id}-title`;

  async function open() {
    setOpening(true);
    setOpenError(null);
    try {
      await openInNewTab(document);
    } catch (caught) {
      setOpenError(toApiError(caught));
    } finally {
      setOpening(false);
    }
  }

  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-labelledby={titleId} data-testid={`document-${document.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Title order={headingOrder} size="h5" id={titleId}>
              {heading ?? typeLabel}
            </Title>
            {subtitle}
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {document.fileName} · {formatSize(document.sizeBytes)}
            </Text>
            <Text size="xs" c="dimmed">
              Transmis le {formatDateTime(document.uploadedAt)}
              {document.schoolYear ? ` · année ${document.schoolYear}` : ''}
              {document.validUntil ? ` · valable jusqu’au ${formatDate(document.validUntil)}` : ''}
            </Text>
          </Stack>
          <Badge color={DOCUMENT_STATUS_COLORS[document.status]} variant="dot" tt="none" style={{ flexShrink: 0 }}>
            {documentStatusLabel(document.status)}
          </Badge>
        </Group>
        {document.status === 'refused' && document.refusalReason && (
          <Text size="sm" c="red.8" style={{ overflowWrap: 'anywhere' }}>
            Motif du refus : {document.refusalReason}
          </Text>
        )}
        <Group gap="xs" wrap="wrap">
          {isImage ? (
            <Button
              size="xs"
              variant="default"
              onClick={() => setPreview((value) => !value)}
              aria-expanded={preview}
              aria-label={`${preview ? 'Masquer l’aperçu' : 'Aperçu'} : ${typeLabel}`}
            >
              {preview ? 'Masquer l’aperçu' : 'Aperçu'}
            </Button>
          ) : (
            <Button size="xs" variant="default" onClick={() => void open()} loading={opening} aria-label={`Ouvrir : ${typeLabel}`}>
              Ouvrir
            </Button>
          )}
          <Button
            size="xs"
            variant="default"
            component="a"
            href={documentFileUrl(document.id)}
            download={document.fileName}
            aria-label={`Télécharger : ${typeLabel}`}
          >
            Télécharger
          </Button>
          {document.status !== 'accepted' && document.status !== 'expired' && (
            <Button size="xs" color="teal.9" onClick={() => setAccepting(true)} aria-label={`Accepter : ${typeLabel}`}>
              Accepter
            </Button>
          )}
          {document.status !== 'refused' && document.status !== 'expired' && (
            <Button size="xs" color="red.9" variant="outline" onClick={() => setRefusing(true)} aria-label={`Refuser : ${typeLabel}`}>
              Refuser
            </Button>
          )}
        </Group>
        {openError && <ErrorAlert error={openError} title="Ouverture impossible" />}
        {preview && <DocumentPreview document={document} />}
      </Stack>
      <AppModal opened={accepting} onClose={() => setAccepting(false)} title="Accepter le document">
        {accepting && (
          <AcceptForm
            document={document}
            onCancel={() => setAccepting(false)}
            onAccepted={(updated) => {
              setAccepting(false);
              onChanged(updated);
            }}
          />
        )}
      </AppModal>
      <ReasonModal
        opened={refusing}
        onClose={() => setRefusing(false)}
        title="Refuser le document"
        intro={`${typeLabel} — ${document.fileName}. La famille recevra le motif par courriel.`}
        label="Motif du refus"
        placeholder="Ex. : le document est illisible ; merci de transmettre une copie complète."
        confirmLabel="Refuser le document"
        onConfirm={async (reason) => {
          const updated = await familiesApi.refuseDocument(document.id, reason);
          setRefusing(false);
          onChanged(updated);
        }}
      />
    </Paper>
  );
}

export function decisionNotice(document: FamilyDocument): string {
  const label = documentTypeLabel(document.type);
  if (document.status === 'accepted') return `${label} : document accepté ; la famille a été prévenue par courriel.`;
  if (document.status === 'refused') return `${label} : document refusé ; la famille a été prévenue par courriel avec le motif.`;
  return `${label} : ${documentStatusLabel(document.status).toLowerCase()}.`;
}

function oldestFirst(items: ReviewDocument[]): ReviewDocument[] {
  return [...items].sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt));
}

const loadTransmitted = () => familiesApi.documents('transmitted');

/** "Documents à vérifier": every transmitted document, oldest first. */
export function DocumentsReviewPanel() {
  const { state, reload, setData } = useResource(loadTransmitted);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text>Les pièces transmises par les familles, de la plus ancienne à la plus récente.</Text>
        <Button variant="default" onClick={reload}>
          Actualiser
        </Button>
      </Group>
      {notice && <Notice message={notice} onClose={() => setNotice(null)} />}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} title="Documents indisponibles" />}
      {state.status === 'ready' &&
        (state.data.items.length === 0 ? (
          <Text c="dimmed">Aucun document à vérifier.</Text>
        ) : (
          <Stack gap="sm" component="section" aria-label="Documents à vérifier">
            {oldestFirst(state.data.items).map((item) => (
              <DocumentCard
                key={item.id}
                document={item}
                headingOrder={2}
                heading={`${documentTypeLabel(item.type)} — ${item.familyName}`}
                subtitle={
                  <Group gap="xs">
                    <Anchor component={Link} to={`/familles/${item.familyId}`} size="sm">
                      Ouvrir le dossier : {item.familyName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      en attente depuis {formatAge(item.uploadedAt)}
                    </Text>
                  </Group>
                }
                onChanged={(updated) => {
                  setNotice(decisionNotice(updated));
                  // Decided: no longer "to review".
                  setData({ items: state.data.items.filter((candidate) => candidate.id !== updated.id) });
                }}
              />
            ))}
          </Stack>
        ))}
    </Stack>
  );
}
