import { Button, Group, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { calendarYearField } from '../../../../shared/schemas/calendar';
import { calendarApi } from '../../calendarApi';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { formatDate } from '../../format';
import { zodErrors } from '../../forms';
import { useResource } from '../../useResource';

const yearForm = z.object({ year: calendarYearField });

/** The French public holidays of a year (computed by the server; no year: the current one). */
export function PublicHolidaysPanel() {
  const [year, setYear] = useState<number | undefined>(undefined);
  const [input, setInput] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const load = useCallback(() => calendarApi.publicHolidays(year), [year]);
  const { state } = useResource(load);
  const shownYear = state.status === 'ready' ? state.data.year : year;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = zodErrors(yearForm, { year: input });
    if (errors.year) return setInputError(errors.year);
    setInputError(null);
    setYear(Number(input.trim()));
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="public-holidays-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="public-holidays-title">
          Jours fériés{shownYear === undefined ? '' : ` ${shownYear}`}
        </Title>
        <form onSubmit={submit} noValidate aria-label="Choisir l’année des jours fériés">
          <Group align="flex-start" gap="md" wrap="wrap">
            <TextInput
              label="Année"
              inputMode="numeric"
              placeholder={shownYear === undefined ? 'Ex. : 2027' : String(shownYear)}
              value={input}
              onChange={(event) => {
                setInput(event.currentTarget.value);
                setInputError(null);
              }}
              error={inputError}
              style={{ flex: '0 1 160px' }}
            />
            <Button type="submit" variant="default" mt={25}>
              Afficher
            </Button>
          </Group>
        </form>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorAlert error={state.error} title="Jours fériés indisponibles" />}
        {state.status === 'ready' && (
          <Table striped withTableBorder aria-labelledby="public-holidays-title" maw={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Jour férié</Table.Th>
                <Table.Th scope="col">Jour</Table.Th>
                <Table.Th scope="col">Date</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.data.items.map((item) => (
                <Table.Tr key={`${item.date}-${item.name}`}>
                  <Table.Th scope="row" fw={500}>
                    {item.name}
                  </Table.Th>
                  <Table.Td>{item.weekday}</Table.Td>
                  <Table.Td>{formatDate(item.date)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
