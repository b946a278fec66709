import { Button, Group, Paper, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CONTENT_TITLE_MAX } from '../../../../shared/schemas/content';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/Feedback';
import { contentApi, type News, type ServiceRef } from '../../contentApi';
import { issuesToErrors, useForm } from '../../forms';
import { formatDate } from '../../format';
import { AttachmentsPanel } from './AttachmentsPanel';
import { BodyField } from './BodyField';
import { ConfirmModal } from './ConfirmModal';
import { ContentPreview } from './ContentPreview';
import {
  EMPTY_NEWS,
  NEWS_STATE_COLORS,
  NEWS_STATE_LABELS,
  newsBody,
  newsSavedNotice,
  newsToValues,
  localInputToIso,
  validateNews,
  type NewsValues,
} from './contentForms';
import { EditorLayout, EditorLoader, ServiceSelect, useContentNotice, type ContentNotice } from './EditorShell';

const LIST = '/contenus';

/** The portal's news line: "Publiée le 26/11/2026 · ALSH du mercredi". */
function previewMeta(values: NewsValues, services: ServiceRef[]): string {
  const from = localInputToIso(values.publishFrom);
  const date = from && !Number.isNaN(new Date(from).getTime()) ? formatDate(from) : 'dès l’enregistrement';
  const service = services.find((s) => String(s.id) === values.serviceId);
  return `Publiée le ${date}${service ? ` · ${service.name}` : ''}`;
}

function NewsForm({ news, services }: { news: News | null; services: ServiceRef[] }) {
  const navigate = useNavigate();
  const [saved, setSaved] = useState<News | null>(news);
  const [notice, setNotice] = useContentNotice();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [deleting, setDeleting] = useState(false);
  const form = useForm<NewsValues>({ initialValues: news ? newsToValues(news) : EMPTY_NEWS, validate: validateNews });
  const { values } = form;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving || !form.validate()) return;
    setSaving(true);
    setError(null);
    try {
      const body = newsBody(values);
      if (saved) {
        const updated = await contentApi.saveNews(saved.id, body);
        setSaved(updated);
        form.setValues(newsToValues(updated));
        setNotice(newsSavedNotice(updated));
      } else {
        const created = await contentApi.createNews(body);
        const state: ContentNotice = { notice: `${newsSavedNotice(created)} Vous pouvez maintenant joindre des fichiers.` };
        void navigate(`${LIST}/actualites/${created.id}`, { state, replace: true });
      }
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      form.setErrors(issuesToErrors(apiError.issues));
    } finally {
      setSaving(false);
    }
  }

  return (
    <EditorLayout
      title={saved ? saved.title : 'Nouvelle actualité'}
      backTo={LIST}
      backLabel="Toutes les actualités"
      badge={saved ? { label: NEWS_STATE_LABELS[saved.state], color: NEWS_STATE_COLORS[saved.state] } : null}
      notice={notice}
      onNoticeClose={() => setNotice(null)}
      onDelete={saved ? () => setDeleting(true) : null}
      deleteLabel="Supprimer l’actualité"
      form={
        <Paper withBorder p="md" radius="md" component="form" onSubmit={(event) => void submit(event)} noValidate aria-label="Actualité">
          <Stack gap="md">
            <TextInput label="Titre" required maxLength={CONTENT_TITLE_MAX + 50} {...form.getInputProps('title')} />
            <ServiceSelect
              services={services}
              value={values.serviceId}
              onChange={(value) => form.setFieldValue('serviceId', value)}
              error={form.errors.serviceId}
              emptyLabel="Tous les services"
              description="L’actualité porte le nom du service sur le portail."
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="datetime-local"
                label="Début de publication"
                description="Vide : dès l’enregistrement."
                {...form.getInputProps('publishFrom')}
              />
              <TextInput
                type="datetime-local"
                label="Fin de publication"
                description="Vide : sans date de fin."
                {...form.getInputProps('publishUntil')}
              />
            </SimpleGrid>
            <BodyField value={values.body} error={form.errors.body} onChange={(value) => form.setFieldValue('body', value)} />
            {error && <ErrorAlert error={error} title="Enregistrement impossible" />}
            <Group justify="flex-end">
              <Button type="submit" loading={saving}>
                Enregistrer
              </Button>
            </Group>
          </Stack>
        </Paper>
      }
      attachments={
        <AttachmentsPanel
          kind="news"
          itemId={saved?.id ?? null}
          attachments={saved?.attachments ?? []}
          onChange={(attachments) => saved && setSaved({ ...saved, attachments })}
          onNotice={setNotice}
        />
      }
      preview={<ContentPreview title={values.title} meta={previewMeta(values, services)} body={values.body} attachments={saved?.attachments ?? []} />}
      dialogs={
        saved && (
          <ConfirmModal
            opened={deleting}
            onClose={() => setDeleting(false)}
            title="Supprimer l’actualité"
            confirmLabel="Supprimer"
            onConfirm={async () => {
              await contentApi.deleteNews(saved.id);
              const state: ContentNotice = { notice: `L’actualité « ${saved.title} » est supprimée.` };
              void navigate(LIST, { state });
            }}
          >
            {`« ${saved.title} » et ses pièces jointes disparaîtront du portail et du back-office. Cette action est définitive.`}
          </ConfirmModal>
        )
      }
    />
  );
}

/** `/contenus/actualites/nouvelle` and `/contenus/actualites/:newsId`. */
export function NewsEditorPage() {
  const { newsId } = useParams();
  const id = newsId ? Number(newsId) : null;
  const load = useCallback(async (): Promise<News | null> => (id === null ? null : contentApi.news(id)), [id]);
  return (
    <EditorLoader
      key={newsId ?? 'nouvelle'}
      load={load}
      render={(news, services) => <NewsForm news={news} services={services} />}
    />
  );
}
