/** « Dupliquer vers l'année suivante »: next school year's periods, opening days and tariff grid in one action. */
import { Alert, Anchor, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { parisWallTime } from '../../../../shared/services/parisTime';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { formatDate } from '../../format';
import { servicesApi, type DuplicationDto } from '../../servicesApi';
import { useResource } from '../../useResource';
import { ConfirmModal } from './common';
import { formatTime, PATTERN_LABELS, plural } from './format';
import type { ServiceTabProps } from './ServicePage';

function PeriodsTable({ summary, label }: { summary: DuplicationDto; label: string }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table withTableBorder striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Période {summary.fromSchoolYear}</Table.Th>
            <Table.Th>Période {summary.toSchoolYear}</Table.Th>
            <Table.Th>Dates</Table.Th>
            <Table.Th>Jours</Table.Th>
            <Table.Th>Jours d’ouverture</Table.Th>
            <Table.Th>Réservations ouvertes le</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {summary.periods.map((p) => {
            const opens = p.bookingsOpenAt ? parisWallTime(p.bookingsOpenAt) : null;
            return (
              <Table.Tr key={p.sourceId}>
                <Table.Td>{p.sourceName}</Table.Td>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>
                  du {formatDate(p.startDate)} au {formatDate(p.endDate)}
                </Table.Td>
                <Table.Td>{PATTERN_LABELS[p.dayPattern]}</Table.Td>
                <Table.Td>{p.openDays}</Table.Td>
                <Table.Td>{opens ? `${formatDate(opens.date)} à ${formatTime(opens.time)}` : 'Dès la création'}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TariffSentence({ summary }: { summary: DuplicationDto }) {
  const t = summary.tariff;
  if (t.action === 'create') {
    return (
      <Text>
        Une nouvelle grille « {t.name} », valable à partir du {formatDate(t.validFrom)}, reprend les {plural(t.brackets, 'tranche', 'tranches')}{' '}
        et les {plural(t.prices, 'prix', 'prix')} de « {t.sourceName} ». La grille actuelle ne change pas : les prix de cette année restent les
        mêmes.
      </Text>
    );
  }
  if (t.action === 'exists') {
    return (
      <Text>
        La grille « {t.name} », valable à partir du {formatDate(t.validFrom)}, est déjà préparée : elle est conservée telle quelle.
      </Text>
    );
  }
  return <Text>Ce service n’a pas encore de grille de tarifs : aucune n’est créée.</Text>;
}

function Summary({ summary }: { summary: DuplicationDto }) {
  const k = summary.kept;
  return (
    <Stack gap="sm">
      <Text>
        Année scolaire {summary.toSchoolYear} : rentrée le {formatDate(summary.rentree)}, dernier jour de classe le {formatDate(summary.yearEnd)}.
      </Text>
      <PeriodsTable summary={summary} label={`Périodes ${summary.toSchoolYear}`} />
      <TariffSentence summary={summary} />
      <Text>
        Les accueils ({k.units}), leurs incompatibilités ({k.incompatibilities}), les groupes ({k.groups}) et les règles d’encadrement (
        {k.staffingRules}) appartiennent au service : ils valent pour les deux années, sans copie.
      </Text>
      {summary.warnings.length > 0 && (
        <Alert color="yellow" variant="light" title="À vérifier" styles={{ title: { color: 'var(--mantine-color-yellow-9)' } }}>
          <List size="sm">
            {summary.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}

export function DuplicateTab({ detail, reload }: ServiceTabProps) {
  const serviceId = detail.service.id;
  const load = useCallback(() => servicesApi.previewDuplication(serviceId), [serviceId]);
  const preview = useResource(load);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<DuplicationDto | null>(null);

  return (
    <Stack gap="md">
      <Text maw={820}>
        Prépare l’année scolaire suivante en une fois : les périodes sont recopiées aux dates de l’année suivante (rentrée, vacances du même nom
        dans la zone de la commune), leurs jours d’ouverture sont calculés et une grille de tarifs valable dès la rentrée reprend les prix
        actuels. Rien n’est modifié pour l’année en cours.
      </Text>
      {done && (
        <>
          <Notice message={`L’année scolaire ${done.toSchoolYear} est créée : ${plural(done.periods.length, 'période', 'périodes')}.`} />
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="duplicated-title">
            <Stack gap="sm">
              <Title order={2} size="h4" id="duplicated-title">
                Ce qui a été créé
              </Title>
              <Summary summary={done} />
              <Anchor component={Link} to={`/services/${serviceId}/periodes`}>
                Voir les périodes
              </Anchor>
            </Stack>
          </Paper>
        </>
      )}
      {!done && preview.state.status === 'loading' && <Loading />}
      {!done && preview.state.status === 'error' && <ErrorAlert error={preview.state.error} title="Duplication impossible" />}
      {!done && preview.state.status === 'ready' && (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="duplicate-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="duplicate-title">
              De {preview.state.data.fromSchoolYear} vers {preview.state.data.toSchoolYear}
            </Title>
            <Summary summary={preview.state.data} />
            <Group justify="flex-end">
              <Button onClick={() => setConfirming(true)}>Dupliquer vers {preview.state.data.toSchoolYear}</Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {preview.state.status === 'ready' && (
        <ConfirmModal
          opened={confirming}
          onClose={() => setConfirming(false)}
          title={`Dupliquer vers ${preview.state.data.toSchoolYear}`}
          confirmLabel="Confirmer la duplication"
          errorTitle="Duplication impossible"
          onConfirm={async () => {
            const result = await servicesApi.duplicate(serviceId);
            setConfirming(false);
            setDone(result);
            reload();
          }}
        >
          <Stack gap="xs">
            <Text>Seront créés pour « {detail.service.name} » :</Text>
            <List size="sm">
              {preview.state.data.periods.map((p) => (
                <List.Item key={p.sourceId}>
                  {p.name}, du {formatDate(p.startDate)} au {formatDate(p.endDate)} ({plural(p.openDays, 'jour d’ouverture', 'jours d’ouverture')})
                </List.Item>
              ))}
              {preview.state.data.tariff.action === 'create' && (
                <List.Item>
                  la grille « {preview.state.data.tariff.name} » valable à partir du {formatDate(preview.state.data.tariff.validFrom)}
                </List.Item>
              )}
            </List>
            <Text size="sm">L’année {preview.state.data.fromSchoolYear} n’est pas modifiée.</Text>
          </Stack>
        </ConfirmModal>
      )}
    </Stack>
  );
}
