import { Button, Group, Paper, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { toApiError, type ApiError } from '../../api';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { familiesApi } from '../../familiesApi';
import { familyStatusLabel } from '../../familyFormat';
import type { ChildFamilies, ChildSummary, FamilyListItem } from '../../types';
import { useFamilySearch } from './useFamilySearch';

function LinkChildForm({
  child,
  familyId,
  onCancel,
  onLinked,
}: {
  child: ChildSummary;
  familyId: number;
  onCancel: () => void;
  onLinked: (result: ChildFamilies) => void;
}) {
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<FamilyListItem | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const search = useFamilySearch(q, null, q.trim().length > 0);
  const candidates = (search.items ?? []).filter((item) => item.id !== familyId);

  async function link() {
    if (!selected || saving) return;
    setSaving(true);
    setError(null);
    try {
      onLinked(await familiesApi.linkChild(child.id, selected.id));
    } catch (caught) {
      setError(toApiError(caught));
      setSaving(false);
    }
  }

  return (
    <Stack gap="md">
      <Text size="sm">
        {child.firstName} {child.lastName} sera rattaché(e) aussi à la famille choisie : les deux familles verront et modifieront sa
        fiche ; chacune garde son QF, ses réservations et ses factures.
      </Text>
      <TextInput
        label="Rechercher l’autre famille"
        description="Nom, prénom d’un enfant, e-mail ou téléphone"
        type="search"
        autoComplete="off"
        data-autofocus
        value={q}
        onChange={(event) => {
          setQ(event.currentTarget.value);
          setSelected(null);
        }}
      />
      {q.trim() !== '' && search.error && <ErrorAlert error={search.error} title="Recherche impossible" />}
      {q.trim() !== '' && !search.error && search.items === null && <Loading label="Recherche…" />}
      {q.trim() !== '' && search.items && (
        <Radio.Group
          label="Famille à lier"
          value={selected ? String(selected.id) : null}
          onChange={(value) => setSelected(candidates.find((item) => String(item.id) === value) ?? null)}
        >
          <Stack gap={6} mt="xs" aria-busy={search.loading}>
            {candidates.length === 0 && (
              <Text size="sm" c="dimmed" role="status">
                {search.loading ? 'Recherche…' : 'Aucune autre famille ne correspond.'}
              </Text>
            )}
            {candidates.slice(0, 10).map((item) => (
              <Paper key={item.id} withBorder p="xs" radius="sm">
                <Radio
                  value={String(item.id)}
                  label={item.displayName}
                  description={[
                    familyStatusLabel(item.status),
                    item.children.length > 0 ? `enfants : ${item.children.map((c) => c.firstName).join(', ')}` : 'aucun enfant',
                    item.email ?? item.phone ?? '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                />
              </Paper>
            ))}
          </Stack>
        </Radio.Group>
      )}
      {error && <ErrorAlert error={error} title="Rattachement impossible" />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} disabled={saving}>
          Annuler
        </Button>
        <Button onClick={() => void link()} disabled={!selected} loading={saving}>
          {selected ? `Lier à ${selected.displayName}` : 'Lier l’enfant'}
        </Button>
      </Group>
    </Stack>
  );
}

/** "Lier à une autre famille (garde alternée)": search the other parent's family, then link the child. */
export function LinkChildModal({
  opened,
  onClose,
  child,
  familyId,
  onLinked,
}: {
  opened: boolean;
  onClose: () => void;
  child: ChildSummary;
  familyId: number;
  onLinked: (result: ChildFamilies) => void;
}) {
  return (
    <AppModal opened={opened} onClose={onClose} title={`Lier ${child.firstName} à une autre famille (garde alternée)`}>
      {opened && <LinkChildForm child={child} familyId={familyId} onCancel={onClose} onLinked={onLinked} />}
    </AppModal>
  );
}
