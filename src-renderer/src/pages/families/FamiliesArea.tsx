import { Button, Group, Kbd, NativeSelect, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import { Link, Route, Routes, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { familiesApi } from '../../familiesApi';
import { FAMILY_STATUSES, familyStatusLabel } from '../../familyFormat';
import type { FamilyListItem, FamilyStatus } from '../../types';
import { useResource } from '../../useResource';
import { NotFoundPage } from '../SimplePages';
import { DocumentsReviewPanel } from './DocumentsReview';
import { FamilyPage } from './FamilyPage';
import { FamilyTable } from './FamilyTable';
import { NewFamilyPage } from './NewFamilyPage';
import { SEARCH_LIMIT, useFamilySearch } from './useFamilySearch';

type TabId = 'search' | 'queue' | 'documents';

const TAB_PATHS: Record<TabId, string> = {
  search: '/familles',
  queue: '/familles/a-valider',
  documents: '/familles/documents',
};

function parseStatus(value: string | null): FamilyStatus | null {
  return FAMILY_STATUSES.find((status) => status === value) ?? null;
}

function resultsSentence(count: number, query: string): string {
  if (count === 0) return query ? `Aucune famille ne correspond à « ${query} ».` : 'Aucune famille.';
  if (count >= SEARCH_LIMIT) return `Les ${SEARCH_LIMIT} premières familles sont affichées : précisez la recherche.`;
  return count === 1 ? '1 famille trouvée.' : `${count} familles trouvées.`;
}

function SearchPanel() {
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const status = parseStatus(params.get('etat'));
  const search = useFamilySearch(q, status);
  const input = useRef<HTMLInputElement>(null);

  // The query lives in the address too: coming back from a family finds the same results.
  function updateParams(nextQ: string, nextStatus: FamilyStatus | null) {
    const next = new URLSearchParams();
    if (nextQ) next.set('q', nextQ);
    if (nextStatus) next.set('etat', nextStatus);
    setParams(next, { replace: true });
  }

  function onInputKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || (event.key === 'Enter' && search.items && search.items.length > 0)) {
      const first = document.querySelector<HTMLAnchorElement>('[data-testid="families-search"] tbody a');
      if (first) {
        event.preventDefault();
        if (event.key === 'Enter') first.click();
        else first.focus();
      }
    }
  }

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          ref={input}
          label="Rechercher une famille"
          description="Nom, prénom d’un enfant, e-mail ou téléphone"
          placeholder="Ex. : lefèvre, léo, 06 12…"
          type="search"
          autoComplete="off"
          autoFocus
          value={q}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setQ(value);
            updateParams(value, status);
          }}
          onKeyDown={onInputKeyDown}
          style={{ flex: '1 1 320px' }}
          aria-controls="families-results"
        />
        <NativeSelect
          label="État"
          value={status ?? ''}
          onChange={(event) => updateParams(q, parseStatus(event.currentTarget.value))}
          data={[{ value: '', label: 'Tous les états' }, ...FAMILY_STATUSES.map((value) => ({ value, label: familyStatusLabel(value) }))]}
          style={{ flex: '0 1 240px' }}
        />
      </Group>
      <Text size="xs" c="dimmed">
        <Kbd>↓</Kbd> pour parcourir les résultats, <Kbd>Entrée</Kbd> pour ouvrir une famille, <Kbd>Échap</Kbd> pour revenir à la
        recherche.
      </Text>
      <div id="families-results">
        {search.error && <ErrorAlert error={search.error} title="Recherche impossible" />}
        {!search.error && search.items === null && <Loading label="Recherche…" />}
        {search.items && (
          <Stack gap="sm" aria-busy={search.loading}>
            <Text size="sm" role="status" aria-live="polite">
              {search.loading ? 'Recherche…' : resultsSentence(search.items.length, search.query)}
            </Text>
            {search.items.length > 0 && (
              <FamilyTable items={search.items} variant="search" label="Résultats de la recherche" searchInput={input} />
            )}
          </Stack>
        )}
      </div>
    </Stack>
  );
}

function oldestFirst(items: FamilyListItem[]): FamilyListItem[] {
  return [...items].sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
}

function QueuePanel() {
  const { state, reload } = useResource(familiesApi.queue);
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text>Les dossiers transmis par les familles, du plus ancien au plus récent.</Text>
        <Button variant="default" onClick={reload}>
          Actualiser
        </Button>
      </Group>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} title="File d’attente indisponible" />}
      {state.status === 'ready' &&
        (state.data.items.length === 0 ? (
          <Text c="dimmed" role="status">
            Aucun dossier en attente de validation.
          </Text>
        ) : (
          <>
            <Text size="sm" role="status">
              {state.data.items.length === 1
                ? '1 dossier en attente de validation.'
                : `${state.data.items.length} dossiers en attente de validation.`}
            </Text>
            <FamilyTable items={oldestFirst(state.data.items)} variant="queue" label="Dossiers à valider" />
          </>
        ))}
    </Stack>
  );
}

function FamiliesHome({ tab }: { tab: TabId }) {
  const navigate = useNavigate();
  return (
    <Stack gap="lg">
      <PageTitle
        title="Familles"
        actions={
          <Button component={Link} to="/familles/nouvelle">
            Nouvelle famille
          </Button>
        }
      />
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = (value ?? 'search') as TabId;
          if (next !== tab) void navigate(TAB_PATHS[next]);
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label="Vues des familles">
          <Tabs.Tab value="search">Recherche</Tabs.Tab>
          <Tabs.Tab value="queue">À valider</Tabs.Tab>
          <Tabs.Tab value="documents">Documents à vérifier</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="search" pt="md">
          <SearchPanel />
        </Tabs.Panel>
        <Tabs.Panel value="queue" pt="md">
          <QueuePanel />
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="md">
          <DocumentsReviewPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** The "Familles" area: /familles (search), /familles/a-valider, /familles/documents, /familles/nouvelle, /familles/:id. */
export function FamiliesArea() {
  return (
    <Routes>
      <Route index element={<FamiliesHome tab="search" />} />
      <Route path="a-valider" element={<FamiliesHome tab="queue" />} />
      <Route path="documents" element={<FamiliesHome tab="documents" />} />
      <Route path="nouvelle" element={<NewFamilyPage />} />
      <Route path=":familyId" element={<FamilyPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
