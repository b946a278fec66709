import { Button, FileInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { toApiError, type ApiError } from '../../api';
import { calendarApi, type ImportResult } from '../../calendarApi';
import { ErrorAlert } from '../../components/Feedback';
import { Notice } from '../../components/Notice';

const MAX_BYTES = 5 * 1024 * 1024;
const ACCEPT = '.csv,.json,text/csv,application/json';

function resultSentence(result: ImportResult): string {
  const periods = result.holidays === 1 ? '1 période de vacances lue' : `${result.holidays} périodes de vacances lues`;
  return result.changed ? `Fichier importé : ${periods}.` : `Fichier importé : ${periods}, aucune date ne change.`;
}

function ImportSummaryTable({ result }: { result: ImportResult }) {
  return (
    <Table withTableBorder striped aria-label="Résultat de l’import">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Zone</Table.Th>
          <Table.Th scope="col">Année scolaire</Table.Th>
          <Table.Th scope="col">Ajoutées</Table.Th>
          <Table.Th scope="col">Modifiées</Table.Th>
          <Table.Th scope="col">Inchangées</Table.Th>
          <Table.Th scope="col">Supprimées</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {result.items.map((item) => (
          <Table.Tr key={`${item.zone}-${item.schoolYear}`}>
            <Table.Td>Zone {item.zone}</Table.Td>
            <Table.Td>{item.schoolYear}</Table.Td>
            <Table.Td>{item.added}</Table.Td>
            <Table.Td>{item.updated}</Table.Td>
            <Table.Td>{item.unchanged}</Table.Td>
            <Table.Td>{item.removed}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Upload of the Ministry's `fr-en-calendrier-scolaire` export (CSV or JSON). */
export function ImportForm({ onImported }: { onImported: (result: ImportResult) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    // The server reads the content itself; these only spare a useless upload.
    if (!file) return setFileError('Choisissez le fichier à importer.');
    if (!/\.(csv|json)$/i.test(file.name)) return setFileError('Choisissez l’export CSV ou JSON (fichier .csv ou .json).');
    if (file.size > MAX_BYTES) return setFileError('Le fichier dépasse 5 Mo : ce n’est pas l’export du calendrier scolaire.');
    setSaving(true);
    setError(null);
    setResult(null);
    try {
      const imported = await calendarApi.importFile(file);
      setResult(imported);
      setFile(null);
      onImported(imported);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="import-title">
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="import-title">
        <Stack gap="md">
          <Title order={2} size="h4" id="import-title">
            Importer le fichier officiel
          </Title>
          <Text size="sm">
            Téléchargez l’export CSV ou JSON du jeu de données « Calendrier scolaire » (fr-en-calendrier-scolaire) sur
            data.education.gouv.fr. Pour chaque zone et année scolaire du fichier, ses dates remplacent celles enregistrées ; les
            autres années sont conservées.
          </Text>
          <Group align="flex-start" gap="md" wrap="wrap">
            <FileInput
              label="Fichier officiel"
              description="CSV ou JSON, 5 Mo au maximum."
              placeholder="Choisir un fichier"
              // Mantine's placeholder grey is below 4.5:1 on white; this one is a visible label of the button.
              styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
              accept={ACCEPT}
              clearable
              clearButtonProps={{ 'aria-label': 'Retirer le fichier choisi' }}
              value={file}
              onChange={(value) => {
                setFile(value);
                setFileError(null);
              }}
              error={fileError}
              style={{ flex: '1 1 320px' }}
            />
          </Group>
          {error && <ErrorAlert error={error} title="Import impossible" />}
          {result && (
            <Stack gap="xs">
              <Notice message={resultSentence(result)} />
              <ImportSummaryTable result={result} />
            </Stack>
          )}
          <Group>
            <Button type="submit" loading={saving}>
              Importer le fichier officiel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
