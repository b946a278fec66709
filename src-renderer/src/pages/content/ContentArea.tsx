import { Anchor, Badge, Button, Group, Stack, Table, Tabs, Text } from '@mantine/core';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { contentApi, type InfoPage, type News } from '../../contentApi';
import { useResource } from '../../useResource';
import { NotFoundPage } from '../SimplePages';
import { NEWS_STATE_COLORS, NEWS_STATE_LABELS, publicationPeriod } from './contentForms';
import { useContentNotice } from './EditorShell';
import { InfoPageEditorPage } from './InfoPageEditor';
import { NewsEditorPage } from './NewsEditor';

type TabId = 'news' | 'pages';

const TAB_PATHS: Record<TabId, string> = { news: '/contenus', pages: '/contenus/infos' };

const files = (count: number): string => (count === 0 ? '—' : count === 1 ? '1 fichier' : `${count} fichiers`);

function NewsStateBadge({ state }: { state: News['state'] }) {
  return (
    <Badge color={NEWS_STATE_COLORS[state]} variant="dot" tt="none" styles={{ root: { maxWidth: 'none', flexShrink: 0 } }}>
      {NEWS_STATE_LABELS[state]}
    </Badge>
  );
}

function NewsPanel() {
  const { state } = useResource(contentApi.newsList);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorAlert error={state.error} title="Actualités indisponibles" />;
  const items = state.data.items;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm">
          Les actualités s’affichent en bas de la page d’accueil du portail, de la date de début à la date de fin de publication.
        </Text>
        <Button component={Link} to="/contenus/actualites/nouvelle">
          Nouvelle actualité
        </Button>
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed">Aucune actualité pour le moment.</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-label="Actualités">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Titre</Table.Th>
                <Table.Th scope="col">Service</Table.Th>
                <Table.Th scope="col">Publication</Table.Th>
                <Table.Th scope="col">État</Table.Th>
                <Table.Th scope="col">Pièces jointes</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((news) => (
                <Table.Tr key={news.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/contenus/actualites/${news.id}`}>
                      {news.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{news.service?.name ?? 'Tous les services'}</Table.Td>
                  <Table.Td>{publicationPeriod(news)}</Table.Td>
                  <Table.Td>
                    <NewsStateBadge state={news.state} />
                  </Table.Td>
                  <Table.Td>{files(news.attachments.length)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function PagesPanel() {
  const { state } = useResource(contentApi.infoPages);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorAlert error={state.error} title="Informations pratiques indisponibles" />;
  const items: InfoPage[] = state.data.items;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm">
          Les pages publiées forment le menu « Informations pratiques » du portail : règlement intérieur, guide, menus…
        </Text>
        <Button component={Link} to="/contenus/infos/nouvelle">
          Nouvelle page
        </Button>
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed">Aucune page pour le moment.</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-label="Informations pratiques">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Ordre</Table.Th>
                <Table.Th scope="col">Titre</Table.Th>
                <Table.Th scope="col">Rubrique</Table.Th>
                <Table.Th scope="col">Adresse</Table.Th>
                <Table.Th scope="col">État</Table.Th>
                <Table.Th scope="col">Pièces jointes</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((page) => (
                <Table.Tr key={page.id}>
                  <Table.Td>{page.sortOrder}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/contenus/infos/${page.id}`}>
                      {page.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{page.service?.name ?? 'Informations générales'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      /infos/{page.slug}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={page.published ? 'green' : 'gray'} variant="dot" tt="none" styles={{ root: { maxWidth: 'none' } }}>
                      {page.published ? 'Publiée' : 'Non publiée'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{files(page.attachments.length)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function ContentHome({ tab }: { tab: TabId }) {
  const navigate = useNavigate();
  const [notice, setNotice] = useContentNotice();
  return (
    <Stack gap="lg">
      <PageTitle title="Actualités et infos pratiques" description="Ce que le portail famille publie pour tous, connectés ou non." />
      {notice && <Notice message={notice} onClose={() => setNotice(null)} />}
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = (value ?? 'news') as TabId;
          if (next !== tab) void navigate(TAB_PATHS[next]);
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label="Contenus du portail">
          <Tabs.Tab value="news">Actualités</Tabs.Tab>
          <Tabs.Tab value="pages">Informations pratiques</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="news" pt="md">
          <NewsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="pages" pt="md">
          <PagesPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/**
 * "Actualités et infos" (admin, agent): /contenus (news), /contenus/infos (info pages),
 * /contenus/actualites/nouvelle|:newsId, /contenus/infos/nouvelle|:pageId (editors with preview).
 */
export function ContentArea() {
  return (
    <Routes>
      <Route index element={<ContentHome tab="news" />} />
      <Route path="infos" element={<ContentHome tab="pages" />} />
      <Route path="actualites/nouvelle" element={<NewsEditorPage />} />
      <Route path="actualites/:newsId" element={<NewsEditorPage />} />
      <Route path="infos/nouvelle" element={<InfoPageEditorPage />} />
      <Route path="infos/:pageId" element={<InfoPageEditorPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
