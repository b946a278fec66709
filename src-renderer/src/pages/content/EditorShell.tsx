import { Anchor, Badge, Button, Grid, Group, NativeSelect, Stack } from '@mantine/core';
import { useCallback, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { contentApi, type ServiceRef } from '../../contentApi';
import { useResource } from '../../useResource';

/** The notice carried to the next page after a save or a deletion (router state). */
export interface ContentNotice {
  notice: string;
}

/** The notice of the router state, shown once, that later actions replace. */
export function useContentNotice(): [string | null, (message: string | null) => void] {
  const location = useLocation();
  const initial = (location.state as ContentNotice | null)?.notice ?? null;
  const [notice, setNotice] = useState<string | null>(initial);
  return [notice, setNotice];
}

/** Loads what an editor needs (the item, if any, and the services), then renders it. */
export function EditorLoader<T>({
  load,
  render,
}: {
  load: () => Promise<T>;
  render: (data: T, services: ServiceRef[]) => ReactNode;
}) {
  const loadAll = useCallback(async () => {
    const [data, services] = await Promise.all([load(), contentApi.services()]);
    return { data, services: services.items };
  }, [load]);
  const { state } = useResource(loadAll);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <Stack gap="md">
        <ErrorAlert error={state.error} title={state.error.status === 404 ? 'Élément introuvable' : 'Chargement impossible'} />
        <Anchor component={Link} to="/contenus">
          Retour aux actualités et infos
        </Anchor>
      </Stack>
    );
  }
  return <>{render(state.data.data, state.data.services)}</>;
}

export function ServiceSelect({
  services,
  value,
  onChange,
  error,
  emptyLabel,
  description,
}: {
  services: ServiceRef[];
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  emptyLabel: string;
  description: string;
}) {
  return (
    <NativeSelect
      label="Service concerné"
      description={description}
      value={value}
      error={error}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[{ value: '', label: emptyLabel }, ...services.map((s) => ({ value: String(s.id), label: s.name }))]}
    />
  );
}

/** Title, notice, the form beside its preview, and the delete action. */
export function EditorLayout({
  title,
  backTo,
  backLabel,
  badge,
  notice,
  onNoticeClose,
  form,
  preview,
  attachments,
  onDelete,
  deleteLabel,
  dialogs,
}: {
  title: string;
  backTo: string;
  backLabel: string;
  badge?: { label: string; color: string } | null;
  notice: string | null;
  onNoticeClose: () => void;
  form: ReactNode;
  preview: ReactNode;
  attachments: ReactNode;
  onDelete: (() => void) | null;
  deleteLabel: string;
  /** Modals of the page (the deletion's confirmation). */
  dialogs?: ReactNode;
}) {
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={backTo} size="sm">
        ← {backLabel}
      </Anchor>
      <PageTitle
        title={title}
        actions={
          <Group gap="sm">
            {badge && (
              <Badge color={badge.color} variant="dot" tt="none" size="lg">
                {badge.label}
              </Badge>
            )}
            {onDelete && (
              <Button variant="outline" color="red.9" onClick={onDelete}>
                {deleteLabel}
              </Button>
            )}
          </Group>
        }
      />
      {notice && <Notice message={notice} onClose={onNoticeClose} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            {form}
            {attachments}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <div style={{ position: 'sticky', top: 'var(--mantine-spacing-md)' }}>{preview}</div>
        </Grid.Col>
      </Grid>
      {dialogs}
    </Stack>
  );
}
