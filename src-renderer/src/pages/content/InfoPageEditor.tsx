import { Button, Group, Paper, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CONTENT_TITLE_MAX } from '../../../../shared/schemas/content';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/Feedback';
import { contentApi, type InfoPage, type ServiceRef } from '../../contentApi';
import { issuesToErrors, useForm } from '../../forms';
import { AttachmentsPanel } from './AttachmentsPanel';
import { BodyField } from './BodyField';
import { ConfirmModal } from './ConfirmModal';
import { ContentPreview } from './ContentPreview';
import { EMPTY_INFO_PAGE, infoPageBody, infoPageSavedNotice, infoPageToValues, validateInfoPage, type InfoPageValues } from './contentForms';
import { EditorLayout, EditorLoader, ServiceSelect, useContentNotice, type ContentNotice } from './EditorShell';

const LIST = '/contenus/infos';

function InfoPageForm({ page, services }: { page: InfoPage | null; services: ServiceRef[] }) {
  const navigate = useNavigate();
  const [saved, setSaved] = useState<InfoPage | null>(page);
  const [notice, setNotice] = useContentNotice();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [deleting, setDeleting] = useState(false);
  const form = useForm<InfoPageValues>({ initialValues: page ? infoPageToValues(page) : EMPTY_INFO_PAGE, validate: validateInfoPage });
  const { values } = form;
  const service = services.find((s) => String(s.id) === values.serviceId);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving || !form.validate()) return;
    setSaving(true);
    setError(null);
    try {
      const body = infoPageBody(values);
      if (saved) {
        const updated = await contentApi.saveInfoPage(saved.id, body);
        setSaved(updated);
        form.setValues(infoPageToValues(updated));
        setNotice(infoPageSavedNotice(updated));
      } else {
        const created = await contentApi.createInfoPage(body);
        const state: ContentNotice = { notice: `${infoPageSavedNotice(created)} Vous pouvez maintenant joindre des fichiers.` };
        void navigate(`${LIST}/${created.id}`, { state, replace: true });
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
      title={saved ? saved.title : 'Nouvelle page d’information'}
      backTo={LIST}
      backLabel="Toutes les informations pratiques"
      badge={saved ? (saved.published ? { label: 'Publiée', color: 'green' } : { label: 'Non publiée', color: 'gray' }) : null}
      notice={notice}
      onNoticeClose={() => setNotice(null)}
      onDelete={saved ? () => setDeleting(true) : null}
      deleteLabel="Supprimer la page"
      form={
        <Paper withBorder p="md" radius="md" component="form" onSubmit={(event) => void submit(event)} noValidate aria-label="Page d’information">
          <Stack gap="md">
            <TextInput
              label="Titre"
              required
              maxLength={CONTENT_TITLE_MAX + 50}
              description={saved ? `Adresse sur le portail : /infos/${saved.slug} (elle suit le titre).` : 'L’adresse de la page sur le portail est tirée du titre.'}
              {...form.getInputProps('title')}
            />
            <ServiceSelect
              services={services}
              value={values.serviceId}
              onChange={(value) => form.setFieldValue('serviceId', value)}
              error={form.errors.serviceId}
              emptyLabel="Informations générales (tous les services)"
              description="Le menu « Informations pratiques » du portail range les pages par service."
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Ordre dans le menu"
                description={saved ? 'Les plus petits nombres d’abord.' : 'Vide : à la fin du menu.'}
                inputMode="numeric"
                {...form.getInputProps('sortOrder')}
              />
              <Switch
                label="Publiée sur le portail"
                description="Décochée, la page reste un brouillon invisible des familles."
                mt="md"
                {...form.getCheckboxProps('published')}
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
          kind="info-pages"
          itemId={saved?.id ?? null}
          attachments={saved?.attachments ?? []}
          onChange={(attachments) => saved && setSaved({ ...saved, attachments })}
          onNotice={setNotice}
        />
      }
      preview={
        <ContentPreview
          title={values.title}
          meta={`${service ? service.name : 'Informations générales'}${values.published ? '' : ' · non publiée'}`}
          body={values.body}
          attachments={saved?.attachments ?? []}
        />
      }
      dialogs={
        saved && (
          <ConfirmModal
            opened={deleting}
            onClose={() => setDeleting(false)}
            title="Supprimer la page"
            confirmLabel="Supprimer"
            onConfirm={async () => {
              await contentApi.deleteInfoPage(saved.id);
              const state: ContentNotice = { notice: `La page « ${saved.title} » est supprimée.` };
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

/** `/contenus/infos/nouvelle` and `/contenus/infos/:pageId`. */
export function InfoPageEditorPage() {
  const { pageId } = useParams();
  const id = pageId ? Number(pageId) : null;
  const load = useCallback(async (): Promise<InfoPage | null> => (id === null ? null : contentApi.infoPage(id)), [id]);
  return <EditorLoader key={pageId ?? 'nouvelle'} load={load} render={(page, services) => <InfoPageForm page={page} services={services} />} />;
}
