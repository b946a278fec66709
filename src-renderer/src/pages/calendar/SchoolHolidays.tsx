import { Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { schoolZoneInputSchema } from '../../../../shared/schemas/calendar';
import { toApiError, type ApiError } from '../../api';
import { SCHOOL_ZONES, calendarApi, type SchoolHolidayItem, type SchoolHolidayList, type SchoolZone } from '../../calendarApi';
import { ErrorAlert } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { formatDate } from '../../format';
import { zodErrors } from '../../forms';

const zoneOptions = SCHOOL_ZONES.map((zone) => ({ value: zone, label: `Zone ${zone}` }));

function isZone(value: string): value is SchoolZone {
  return (SCHOOL_ZONES as readonly string[]).includes(value);
}

/** The commune's zone: the one every service's opening days are computed with. */
export function ZoneForm({ communeZone, onSaved }: { communeZone: SchoolZone; onSaved: (zone: SchoolZone) => void }) {
  const [zone, setZone] = useState<string>(communeZone);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const errors = zodErrors(schoolZoneInputSchema, { zone });
    if (errors.zone || !isZone(zone)) return setFieldError(errors.zone ?? 'Choisissez la zone A, B ou C.');
    setSaving(true);
    setError(null);
    setSaved(null);
    try {
      const result = await calendarApi.setZone(zone);
      setSaved(`La commune est maintenant en zone ${result.zone}.`);
      onSaved(result.zone);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="zone-title">
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="zone-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="zone-title">
            Zone de la commune
          </Title>
          <Group align="flex-end" gap="md" wrap="wrap">
            <NativeSelect
              label="Zone scolaire"
              description="Les jours d’ouverture des services suivent les vacances de cette zone."
              value={zone}
              onChange={(event) => {
                setZone(event.currentTarget.value);
                setFieldError(null);
                setSaved(null);
              }}
              data={zoneOptions}
              error={fieldError}
              style={{ flex: '0 1 320px' }}
            />
            <Button type="submit" loading={saving} disabled={zone === communeZone}>
              Enregistrer la zone
            </Button>
          </Group>
          {error && <ErrorAlert error={error} title="Enregistrement impossible" />}
          {saved && <Notice message={saved} onClose={() => setSaved(null)} />}
        </Stack>
      </form>
    </Paper>
  );
}

function bySchoolYear(items: SchoolHolidayItem[]): [string, SchoolHolidayItem[]][] {
  const groups = new Map<string, SchoolHolidayItem[]>();
  for (const item of items) groups.set(item.schoolYear, [...(groups.get(item.schoolYear) ?? []), item]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function YearTable({ schoolYear, zone, items }: { schoolYear: string; zone: SchoolZone; items: SchoolHolidayItem[] }) {
  const headingId = `holidays-${zone}-${schoolYear}`;
  const sources = [...new Set(items.map((item) => item.source))];
  return (
    <Stack gap={6} component="section" aria-labelledby={headingId}>
      <Title order={3} size="h5" id={headingId}>
        Année scolaire {schoolYear}
      </Title>
      <Table striped withTableBorder aria-labelledby={headingId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Vacances</Table.Th>
            <Table.Th scope="col">Premier jour sans école</Table.Th>
            <Table.Th scope="col">Dernier jour de vacances</Table.Th>
            <Table.Th scope="col">Reprise des cours</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.name}>
              <Table.Th scope="row" fw={500}>
                {item.name}
              </Table.Th>
              <Table.Td>{formatDate(item.firstDayOff)}</Table.Td>
              <Table.Td>{item.lastDayOff ? formatDate(item.lastDayOff) : 'Non publié'}</Table.Td>
              <Table.Td>{item.restartDate ? formatDate(item.restartDate) : 'Non publiée'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        Source : {sources.join(' ; ')}
      </Text>
    </Stack>
  );
}

/** The school holidays of one zone, per school year. */
export function SchoolHolidaysPanel({
  list,
  onShowZone,
}: {
  list: SchoolHolidayList;
  onShowZone: (zone: SchoolZone) => void;
}) {
  const years = bySchoolYear(list.items);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="school-holidays-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h4" id="school-holidays-title">
            Vacances scolaires — zone {list.zone}
          </Title>
          <NativeSelect
            label="Zone affichée"
            value={list.zone}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isZone(value)) onShowZone(value);
            }}
            data={zoneOptions.map((option) => ({
              ...option,
              label: option.value === list.communeZone ? `${option.label} (zone de la commune)` : option.label,
            }))}
            style={{ flex: '0 1 260px' }}
          />
        </Group>
        <Text size="sm">
          Le fichier officiel donne comme date de fin le jour de la reprise des cours : le dernier jour de vacances est la veille.
        </Text>
        {years.length === 0 ? (
          <Text c="dimmed">Aucune période de vacances connue pour la zone {list.zone} : importez le fichier officiel.</Text>
        ) : (
          years.map(([schoolYear, items]) => <YearTable key={schoolYear} schoolYear={schoolYear} zone={list.zone} items={items} />)
        )}
      </Stack>
    </Paper>
  );
}
